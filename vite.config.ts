import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Content-Security-Policy lives once, in index.html's meta tag; `vite preview` also sends it
// as a header, because a meta policy does not reach the worker script (a worker is governed by
// its own response's headers). public/_headers carries the same for static hosts (a unit test
// keeps the three equal). frame-ancestors works only as a header, so only the header has it.
const metaPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(new URL('index.html', import.meta.url), 'utf8'))?.[1];
if (!metaPolicy) throw new Error('index.html has no Content-Security-Policy meta tag');
export const securityHeaders = {
  'Content-Security-Policy': `${metaPolicy}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

// Relative base so the built app works from any static path (GitHub Pages, S3, file server).
export default defineConfig({
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  preview: { headers: securityHeaders },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
