import { describe, expect, it } from 'vitest';
import { coalesceEvents, formatSignificant, plural, thinIndices, type CoalesceClock } from '../../../src/core/train/progress.ts';
import type { EpochLogs, TrainEvent } from '../../../src/core/train/protocol.ts';

/** A clock the test moves by hand, with one pending timer at most. */
function fakeClock() {
  let now = 0;
  let timer: { at: number; run: () => void } | null = null;
  const clock: CoalesceClock = {
    now: () => now,
    setTimer: (run, ms) => (timer = { at: now + ms, run }),
    clearTimer: () => (timer = null),
  };
  const advance = (ms: number) => {
    now += ms;
    if (timer && timer.at <= now) {
      const t = timer;
      timer = null;
      t.run();
    }
  };
  return { clock, advance, pending: () => timer !== null };
}

const logs = (epoch: number): EpochLogs => ({ epoch, loss: 1 / epoch, numTensors: 20, ms: 1 });
const epoch = (n: number): TrainEvent => ({ status: 'epoch', logs: logs(n), epochs: 2000 });
const progress = (e: number, batch: number): TrainEvent => ({ status: 'progress', progress: { epoch: e, epochs: 2000, batch, batches: 7, elapsedMs: 0, loss: 1 } });

describe('coalesceEvents', () => {
  it('sends 2,000 epochs a millisecond apart as about 20 messages, every epoch kept in order', () => {
    const sent: TrainEvent[] = [];
    const { clock, advance } = fakeClock();
    const c = coalesceEvents((e) => sent.push(e), 100, clock);
    for (let n = 1; n <= 2000; n++) {
      c.push(epoch(n));
      advance(1);
    }
    c.flush();
    expect(sent.length).toBeGreaterThanOrEqual(20);
    expect(sent.length).toBeLessThanOrEqual(22);
    const epochs = sent.flatMap((e) => (e.status === 'epoch' ? [...(e.earlier ?? []), e.logs].map((l) => l.epoch) : []));
    expect(epochs).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
  });

  it('sends the first event at once, then holds the rest until the interval ends (a trailing timer)', () => {
    const sent: TrainEvent[] = [];
    const { clock, advance, pending } = fakeClock();
    const c = coalesceEvents((e) => sent.push(e), 100, clock);
    c.push(epoch(1));
    expect(sent).toEqual([epoch(1)]);
    c.push(progress(2, 3));
    c.push(progress(2, 5));
    expect(sent).toHaveLength(1);
    expect(pending()).toBe(true);
    advance(100);
    // Only the latest progress goes.
    expect(sent.at(-1)).toEqual(progress(2, 5));
    expect(sent).toHaveLength(2);
  });

  it('drops progress an epoch end supersedes, and sends other events at once after what was held', () => {
    const sent: TrainEvent[] = [];
    const { clock, advance } = fakeClock();
    const c = coalesceEvents((e) => sent.push(e), 100, clock);
    c.push(epoch(1));
    advance(10);
    c.push(progress(2, 3));
    c.push(epoch(2));
    c.push(progress(3, 1));
    c.push({ status: 'done', stopped: true });
    expect(sent.map((e) => e.status)).toEqual(['epoch', 'epoch', 'progress', 'done']);
    expect(sent[2]).toEqual(progress(3, 1));
    advance(1000);
    expect(sent).toHaveLength(4); // nothing left for the timer
  });
});

describe('plural', () => {
  it('says one without an s and groups thousands', () => {
    expect([plural(1, 'epoch'), plural(2, 'epoch'), plural(0, 'image'), plural(2000, 'row')]).toEqual(['1 epoch', '2 epochs', '0 images', '2,000 rows']);
  });
});

describe('thinIndices and formatSignificant', () => {
  it('keeps every point up to the cap, then every k-th plus the last and the kept ones', () => {
    expect(thinIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(thinIndices(10, 4, [5])).toEqual([0, 3, 5, 6, 9]);
    const many = thinIndices(10_000, 1000, [4321]);
    expect(many.length).toBeLessThanOrEqual(1002);
    expect(many).toContain(4321);
    expect(many.at(-1)).toBe(9999);
  });

  it('shows small and large numbers to four significant digits, never a bare 0', () => {
    expect([0.000123456, 0.0451234, 1.09861, 12345.6, 0, NaN, Infinity, null].map((v) => formatSignificant(v))).toEqual(['0.0001235', '0.04512', '1.099', '12350', '0', '—', '∞', '—']);
  });
});
