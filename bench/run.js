#!/usr/bin/env node
// `npm run bench -- <name> [--quick]`: runs bench/<name>.ts through tsx, in its own process so
// memory figures are its own. Each benchmark prints one JSON line and saves bench/results/<name>.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [--quick]; benchmarks: ${available.join(', ')}`);
  process.exit(2);
}
const script = new URL(`./${name}.ts`, import.meta.url).pathname;
if (!existsSync(script)) process.exit(2);
const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...rest], { stdio: 'inherit' });
process.exit(run.status ?? 1);
