#!/usr/bin/env node
// Bundles the Kiln CLI (run, predict, serve) into one Node ESM file, kiln-serve.mjs, with every
// dependency inlined, so the SageMaker container needs only `node` and this file.
// Usage: node scripts/bundle-serve.mjs [outDir]   (default: dist)
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

const commonJsGlobals = [
  "import { createRequire as __kilnRequire } from 'node:module';",
  "import { fileURLToPath as __kilnPath } from 'node:url';",
  'const require = __kilnRequire(import.meta.url);',
  'const __filename = __kilnPath(import.meta.url);',
  "const __dirname = __kilnPath(new URL('.', import.meta.url));",
].join('\n');

/** Builds <outDir>/kiln-serve.mjs and returns its path. */
export async function bundleServe(outDir = resolve(root, 'dist')) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: resolve(root, 'src/cli/bundle-entry.ts'),
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: true,
      copyPublicDir: false,
      // TF.js's WASM backend (Emscripten) looks for CommonJS's require and __dirname when it runs in
      // Node; an ES module has neither, so the bundle defines them (without them only the CPU backend starts).
      rollupOptions: { output: { entryFileNames: 'kiln-serve.mjs', codeSplitting: false, banner: commonJsGlobals } },
    },
  });
  return resolve(outDir, 'kiln-serve.mjs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const path = await bundleServe(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`wrote ${path}`);
}
