import { strToU8, zipSync, type Zippable } from 'fflate';
import { JOB_EXECUTABLES } from './index.ts';

/** 2000-01-01 (zip cannot hold earlier dates): the same files always zip to the same bytes. */
const MTIME = new Date(Date.UTC(2000, 0, 1));

/**
 * The job files as one zip for the page's download, run.sh marked executable (Unix mode 755 in
 * the entry's external attributes, which `unzip` restores), everything else 644.
 *
 * jobZip({ 'run.sh': '#!/usr/bin/env bash…' }) // → zip bytes
 */
export function jobZip(files: Record<string, string>, folder: string): Uint8Array {
  const entries: Zippable = {};
  for (const [name, text] of Object.entries(files)) {
    const mode = (JOB_EXECUTABLES as readonly string[]).includes(name) ? 0o100755 : 0o100644;
    // os 3 = Unix: the high 16 bits of the external attributes hold st_mode.
    entries[`${folder}/${name}`] = [strToU8(text), { os: 3, attrs: mode << 16, mtime: MTIME }];
  }
  return zipSync(entries, { level: 6 });
}
