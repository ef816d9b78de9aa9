#!/usr/bin/env node
// `npm test`: unit tests in Node, then the browser tests against the built app in Chromium.
// Ends with one "N passed, N failed" line summing both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!chromium) {
  console.error(
    'npm test: no Chromium found for the browser tests.\n' +
      "  Install Debian's: sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium binary)",
  );
  process.exit(1);
}

mkdirSync('reports', { recursive: true });
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

// The type check first: a type error fails the run as surely as a failed test.
const check = run('npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']);
const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=reports/unit.json']);
const build = run('npm', ['run', '--silent', 'build']);
const e2e = build === 0 ? run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'reports/e2e.json' }) : 1;

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const u = read('reports/unit.json');
const e = read('reports/e2e.json');
const passed = (u?.numPassedTests ?? 0) + (e?.stats?.expected ?? 0);
const failed = (u?.numFailedTests ?? 0) + (e?.stats?.unexpected ?? 0) + (e?.stats?.flaky ?? 0);
console.log(`\ntype check: ${check === 0 ? 'clean' : 'FAILED'}; unit: ${u?.numPassedTests ?? 0} passed; browser: ${e?.stats?.expected ?? 0} passed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(check || unit || build || e2e || failed ? 1 : 0);
