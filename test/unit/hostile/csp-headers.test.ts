import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../vite.config.ts';

// One policy in three places: index.html's meta (the page), `vite preview`'s headers and
// public/_headers (every response, the worker script included). They must not drift apart.
const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(read('index.html'))![1];

/** A policy as directive → sources, so order and spacing do not matter. */
const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name, sources.sort()]));

/** public/_headers (Netlify / Cloudflare Pages): `/*` then indented `Name: value` lines. */
function staticHeaders(): Record<string, string> {
  const lines = read('public/_headers').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  expect(lines[0]).toBe('/*');
  return Object.fromEntries(lines.slice(1).map((l) => /^\s+([\w-]+):\s*(.+)$/.exec(l)!.slice(1, 3)));
}

describe('the Content-Security-Policy', () => {
  it("is the meta tag's policy, plus frame-ancestors, in vite preview's headers and public/_headers", () => {
    const header = directives(securityHeaders['Content-Security-Policy']);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    header.delete('frame-ancestors');
    expect(header).toEqual(directives(meta));
    expect(staticHeaders()).toEqual(securityHeaders);
  });

  it('lets no script in but this origin, and no string be evaluated (WebAssembly only)', () => {
    const policy = directives(meta);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(meta).not.toMatch(/'unsafe-eval'/);
    expect(policy.get('connect-src')).toEqual(["'self'", 'blob:', 'data:', 'https:']); // https: for a CSV URL the user types
  });
});
