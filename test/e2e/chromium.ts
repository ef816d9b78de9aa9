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

/** Chromium flags for WebGPU (and WebGL) on SwiftShader with no GPU, and no traffic but the page's own. */
export const chromiumArgs = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
