import * as tf from '@tensorflow/tfjs';

/** Who hears of a lost device: the running training's handler (replaced by each run). */
let listener: ((reason: string) => void) | null = null;
const watched = new WeakSet<object>();

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
export function watchDevice(onLost: ((reason: string) => void) | null): void {
  listener = onLost;
  const device = activeDevice();
  if (!device || watched.has(device)) return;
  watched.add(device);
  void device.lost.then((info) => listener?.(info.message || `the device was ${info.reason ?? 'lost'}`));
}

/** Destroys the active WebGPU device, as a GPU reset would; false when not on WebGPU. For fault drills and the browser test. */
export function loseDevice(): boolean {
  const device = activeDevice();
  device?.destroy();
  return device !== null;
}
