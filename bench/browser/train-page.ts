// The page half of `npm run bench -- train`: starts the benchmark worker, shows its progress as
// Kiln's page would, records main-thread long tasks meanwhile, and leaves the result on
// window.benchResult for the runner.
declare global {
  interface Window {
    benchResult?: unknown;
  }
}

const params = new URLSearchParams(location.search);
const status = document.getElementById('status')!;
const progress = document.getElementById('progress')!;
const longTasks: number[] = [];
// Counted from the first progress message on: training, not loading the page and the worker.
let training = false;
new PerformanceObserver((list) => {
  if (training) for (const entry of list.getEntries()) longTasks.push(Math.round(entry.duration));
}).observe({ type: 'longtask', buffered: false });

const worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent<{ type: string; arm?: string; epoch?: number; batch?: number; loss?: number; result?: object; message?: string }>) => {
  const m = e.data;
  if (m.type === 'progress') training = true;
  if (m.type === 'progress') progress.textContent = `${m.arm}: epoch ${m.epoch}, batch ${m.batch}, loss ${m.loss?.toFixed(4)}`;
  else if (m.type === 'done') {
    window.benchResult = { ...m.result, longTasks };
    status.textContent = 'Done.';
  } else if (m.type === 'error') {
    window.benchResult = { error: m.message };
    status.textContent = `Failed: ${m.message}`;
  }
};
worker.onerror = (e) => {
  window.benchResult = { error: e.message };
};
worker.postMessage({ quick: params.get('quick') === '1', backend: params.get('backend') || null });
