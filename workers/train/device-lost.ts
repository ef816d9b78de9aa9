import * as tf from '@tensorflow/tfjs';

/** Who hears of a lost device: the running training's handler (replaced by each run). */
let listener: ((reason: string) => void) | null = null;
const watched = new WeakSet<object>();
/** The device the running training uses, and how it was lost (once it was); null between runs and off WebGPU. */
let current: { lost: Promise<string> } | null = null;

/** The WebGPU backend's device, when that backend is active. */
function activeDevice(): GPUDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: GPUDevice }).device ?? null;
}

/**
 * Tells `onLost` when the active WebGPU device is lost (driver reset, GPU process crash, or
 * `destroy()`). TF.js does not recover from that: its tensors and kernels lived on the device, so
 * the page starts a fresh worker on the next backend. Replaces the previous run's listener.
 */
export function watchDevice(onLost: (reason: string) => void): void {
  listener = onLost;
  const device = activeDevice();
  if (!device) return;
  const lost = device.lost.then((info) => info.message.replace(/\.\s*$/, '') || `the device was ${info.reason ?? 'lost'}`);
  current = { lost };
  if (watched.has(device)) return;
  watched.add(device);
  void lost.then((reason) => listener?.(reason));
}

/** Stops telling the last run's listener (its call has ended); the next run's failures do not wait on this device. */
export function unwatchDevice(): void {
  listener = null;
  current = null;
}

/**
 * Why the device the run trained on was lost, if it was or is within `waitMs`; else null. A
 * failed call asks: TF.js's own error ("mapAsync … unmapped") can come before the loss is reported.
 */
export async function lostReason(waitMs: number): Promise<string | null> {
  if (!current) return null;
  return Promise.race([current.lost, new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs))]);
}

/** Destroys the active WebGPU device, as a GPU reset would; false when not on WebGPU. For fault drills and the browser test. */
export function loseDevice(): boolean {
  const device = activeDevice();
  device?.destroy();
  return device !== null;
}
