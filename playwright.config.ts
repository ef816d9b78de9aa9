import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './test/e2e/chromium.ts';

// KILN_E2E_PORT and KILN_E2E_DIST let several people test their own builds side by side.
const port = Number(process.env.KILN_E2E_PORT ?? 4173);
const outDir = process.env.KILN_E2E_DIST ?? 'dist';

// Debian's Chromium with WebGPU on SwiftShader: no GPU here, and no network but localhost.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 240_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: chromiumPath(),
      args: chromiumArgs,
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1 --outDir ${outDir}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
