import { KilnError } from '../../errors.ts';

/** One file as a zip's central directory declares it; nothing is inflated to learn this. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else Kiln cannot read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** The size the archive *claims* the file unpacks to (a zip bomb lies here). */
  originalSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/**
 * Lists a zip's entries from its central directory (ZIP64 too), refusing more than `maxEntries`
 * before reading any of them.
 *
 * readZipDirectory(bytes, 'shapes.zip').map((e) => e.name) // → ['shapes/', 'shapes/circle/1.png', …]
 */
export function readZipDirectory(bytes: Uint8Array, source: string, maxEntries = Infinity): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (what: string) => new KilnError(`not a readable zip file (${what})`, { file: source });
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));

  const end = findEndRecord(view);
  if (end < 0) throw damaged('no end-of-archive record; is it really a .zip?');
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR) {
    const at = u64(end - 12);
    if (at + 56 > bytes.length || u32(at) !== ZIP64_EOCD) throw damaged('broken ZIP64 record');
    count = u64(at + 32);
    offset = u64(at + 48);
  }
  if (count > maxEntries) {
    throw new KilnError(`holds ${count.toLocaleString('en')} entries, over the limit of ${maxEntries.toLocaleString('en')} entries per zip`, { file: source });
  }

  const entries: ZipEntry[] = [];
  const names = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || u32(offset) !== CENTRAL) throw damaged(`central directory entry ${i + 1} is missing`);
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const commentLength = u16(offset + 32);
    // A damaged length would send the name and ZIP64 extra reads past the end of the file.
    if (offset + 46 + nameLength + extraLength + commentLength > bytes.length) throw damaged(`central directory entry ${i + 1} runs past the end`);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: u16(offset + 10),
      encrypted: (u16(offset + 8) & 1) === 1,
      compressedSize: u32(offset + 20),
      originalSize: u32(offset + 24),
      localHeaderOffset: u32(offset + 42),
    };
    readZip64Extra(view, offset + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's (compressed) bytes are, from its local header. */
export function entryDataRange(bytes: Uint8Array, entry: ZipEntry, source: string): { start: number; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) {
    throw new KilnError(`not a readable zip file (local header of '${entry.name}' is missing)`, { file: source });
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new KilnError(`not a readable zip file ('${entry.name}' runs past the end)`, { file: source });
  return { start, end };
}

function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff); // the record ends with a comment of at most 64 KB
  for (let at = view.byteLength - 22; at >= lowest; at--) if (view.getUint32(at, true) === EOCD) return at;
  return -1;
}

/** ZIP64 keeps sizes and offsets over 4 GB in extra field 0x0001, in this order, only where the 32-bit field is full. */
function readZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        const value = field + 8 <= at + 4 + size ? Number(view.getBigUint64(field, true)) : MAX32;
        field += 8;
        return value;
      };
      if (entry.originalSize === MAX32) entry.originalSize = next();
      if (entry.compressedSize === MAX32) entry.compressedSize = next();
      if (entry.localHeaderOffset === MAX32) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}
