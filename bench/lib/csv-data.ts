import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const colors = ['red', 'green', 'blue', 'amber', 'violet', 'teal', 'black', 'white'];
const cities = Array.from({ length: 50 }, (_, i) => `city_${String.fromCharCode(97 + (i % 26))}${i}`);
const classes = ['low', 'medium', 'high'];

/**
 * Writes a numeric + categorical CSV of about `bytes` bytes to `path`: an id, six measurements,
 * two categories and a 3-class label, from a fixed-seed generator so every run parses the same file.
 */
export async function writeIngestCsv(path: string, bytes: number): Promise<number> {
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const out = createWriteStream(path);
  let written = 0;
  const header = 'id,age,height,weight,score,ratio,delta,color,city,label\n';
  out.write(header);
  written += header.length;
  for (let id = 1; written < bytes; ) {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++, id++) {
      const r = rand();
      lines.push(
        `${id},${18 + Math.floor(r * 60)},${(150 + rand() * 50).toFixed(1)},${(45 + rand() * 60).toFixed(2)},` +
          `${(rand() * 100).toFixed(3)},${rand().toFixed(4)},${((rand() - 0.5) * 20).toFixed(2)},` +
          `${colors[Math.floor(rand() * colors.length)]},${cities[Math.floor(rand() * cities.length)]},${classes[Math.floor(r * 3)]}`,
      );
    }
    const block = lines.join('\n') + '\n';
    written += block.length;
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return written;
}
