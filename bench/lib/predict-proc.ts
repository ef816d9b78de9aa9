/** Memory of the Chromium processes this Node process started, from /proc (Linux only). */
import { readdirSync, readFileSync } from 'node:fs';

/** One sample: when (Date.now()), and the summed RSS of renderers and of every descendant, in MB. */
export interface RssSample {
  at: number;
  rendererMB: number;
  allMB: number;
}

const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // the process ended between listing and reading
  }
};

/** Our descendants' RSS right now; renderers are those started with --type=renderer (where the page's workers run). */
export function sampleRss(root = process.pid): RssSample {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!pid) continue;
    const stat = read(`/proc/${pid}/stat`);
    // Field 4 (ppid) follows the parenthesised command name, which may itself hold spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parent.set(pid, ppid);
  }
  const isOurs = (pid: number) => {
    for (let p = parent.get(pid); p; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  let rendererKB = 0;
  let allKB = 0;
  for (const pid of parent.keys()) {
    if (!isOurs(pid)) continue;
    const kb = Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0);
    allKB += kb;
    if (read(`/proc/${pid}/cmdline`).includes('--type=renderer')) rendererKB += kb;
  }
  return { at: Date.now(), rendererMB: rendererKB / 1024, allMB: allKB / 1024 };
}

/** Samples every `ms` until stop() is called; stop() returns the samples. */
export function startRssSampler(ms = 50): { stop: () => RssSample[] } {
  const samples: RssSample[] = [sampleRss()];
  const timer = setInterval(() => samples.push(sampleRss()), ms);
  return { stop: () => (clearInterval(timer), samples) };
}

/** The last sample before `start` and the peak between `start` and `end`. */
export function rssDuring(samples: RssSample[], start: number, end: number) {
  const before = samples.filter((s) => s.at <= start).at(-1) ?? samples[0];
  const during = samples.filter((s) => s.at >= start && s.at <= end);
  const peak = (key: 'rendererMB' | 'allMB') => Math.round(Math.max(before[key], ...during.map((s) => s[key])));
  return { samples: during.length, rendererBeforeMB: Math.round(before.rendererMB), rendererPeakMB: peak('rendererMB'), chromiumBeforeMB: Math.round(before.allMB), chromiumPeakMB: peak('allMB') };
}
