import type { ResourceSnapshot } from '../core/monitor/messages.ts';
import { workRates, type WorkCount } from '../core/monitor/rates.ts';
import { bridge } from './bridge.ts';
import { project } from './project.svelte.ts';
import { run } from './run.svelte.ts';
import { tune } from './tune.svelte.ts';

/** Work a page job has done so far: cumulative steps (batches) and samples (rows or images). */
export interface Activity {
  /** What is running, e.g. "Training" or "Checking a batch". */
  label: string;
  steps: number;
  samples: number;
}

/** One point of the resources chart: the worker's snapshot, the page's heap, and the work rate since the last point. */
export interface ResourceSample extends ResourceSnapshot {
  /** The page's own JS heap (Chromium), beside the worker's. */
  pageHeap: number | null;
  activity: string | null;
  /** Milliseconds per step (training batch, prediction chunk) since the last sample. */
  stepMs: number | null;
  samplesPerSec: number | null;
}

/** Samples kept: five minutes at one a second. */
const keep = 300;

/** The Train page's run as an activity: batches done so far, times the batch size. */
function trainingActivity(): Activity | null {
  const p = run.progress;
  if (!run.busy || !p) return null;
  const steps = (p.epoch - 1) * p.batches + p.batch;
  return { label: 'Training', steps, samples: steps * project.spec.train.batchSize };
}

/**
 * Polls the worker's `resources()` about once a second while something is busy (every five
 * seconds when idle) and while a view is watching, keeping the last five minutes: a small
 * CloudWatch for tensors, bytes, heap, step time and throughput.
 */
class ResourceMonitor {
  samples = $state<ResourceSample[]>([]);
  error = $state<string | null>(null);
  #sources: (() => Activity | null)[] = [trainingActivity];
  #watchers = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inFlight = false;
  #again = false;
  #last: WorkCount | null = null;

  get latest(): ResourceSample | null {
    return this.samples.at(-1) ?? null;
  }

  /** True while training, tuning or a Monitor job runs: then the page polls every second. */
  get busy(): boolean {
    return run.busy || tune.busy || this.#sources.some((s) => s() !== null);
  }

  /** Adds a source of activity (a lib's running job); it returns null while idle. */
  track(source: () => Activity | null): void {
    this.#sources.push(source);
  }

  /** Starts polling for a view; call the returned function when the view goes. */
  watch(): () => void {
    if (this.#watchers++ === 0) void this.#tick();
    return () => {
      if (--this.#watchers > 0) return;
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
    };
  }

  /** Reads one sample now (after a job ends, so the chart shows where memory settled). */
  async sample(): Promise<void> {
    // One call at a time: a call asked for meanwhile runs once the current one is back, so it reads the newer state.
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    this.#inFlight = true;
    try {
      const snapshot = await bridge.api.resources();
      this.samples = [...this.samples.slice(-(keep - 1)), { ...snapshot, ...this.#rates(snapshot.at) }];
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.#inFlight = false;
    }
    if (this.#again) {
      this.#again = false;
      await this.sample();
    }
  }

  async #tick(): Promise<void> {
    await this.sample();
    if (this.#watchers === 0) return;
    this.#timer = setTimeout(() => void this.#tick(), this.busy ? 1000 : 5000);
  }

  /** Step time and samples/s from the busy job's counters since the previous sample. */
  #rates(at: number): Pick<ResourceSample, 'pageHeap' | 'activity' | 'stepMs' | 'samplesPerSec'> {
    const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    const pageHeap = heap ? heap.usedJSHeapSize : null;
    const now = this.#sources.map((s) => s()).find((a) => a !== null) ?? null;
    const last = this.#last;
    this.#last = now && { at, ...now };
    if (!now) return { pageHeap, activity: tune.busy ? 'Tuning' : null, stepMs: null, samplesPerSec: null };
    return { pageHeap, activity: now.label, ...workRates(last, { at, ...now }) };
  }
}

export const resources = new ResourceMonitor();
