import { existsSync } from 'node:fs';

/** Debian's Chromium (or $CHROMIUM_PATH); Playwright's own browser download does not work offline. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. Install Debian\'s: `sudo apt-get install -y chromium`, ' +
        'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
    );
  }
  return found;
}
