import { ImageSetBuilder } from '../../src/core/collect/images/assemble.ts';
import { byCodePoint } from '../../src/core/collect/images/layout.ts';
import type { ImageSet } from '../../src/core/collect/image-set.ts';
import type { WebcamClass } from '../../src/core/collect/protocol.ts';
import { KilnError } from '../../src/core/errors.ts';
import type { ImageSpec } from '../../src/core/spec/schema.ts';
import { CanvasResizer } from './images-decode.ts';

/** Frames kept per class at most (about three minutes of holding the button at 5 frames a second). */
export const maxFramesPerClass = 1000;

/**
 * Captured frames, kept as the small square bitmaps the page sent, so the set can be rebuilt at
 * another input size without capturing again.
 */
const frames = new Map<string, ImageBitmap[]>();

/** Keeps one captured frame for a class; returns how many that class now has. */
export function addWebcamFrame(classId: string, bitmap: ImageBitmap): number {
  const list = frames.get(classId) ?? [];
  frames.set(classId, list);
  if (list.length >= maxFramesPerClass) bitmap.close();
  else list.push(bitmap);
  return list.length;
}

/** Forgets a class's frames. */
export function removeWebcamClass(classId: string): void {
  for (const bitmap of frames.get(classId) ?? []) bitmap.close();
  frames.delete(classId);
}

/**
 * Builds an `ImageSet` from the captured frames of the named classes (those with frames, sorted
 * by name as folder classes are). Names must be filled in and distinct.
 *
 * buildWebcamSet([{ id: 'k1', name: 'thumbs up' }, { id: 'k2', name: 'thumbs down' }], spec.data.image)
 * // → { source: 'webcam', classes: ['thumbs down', 'thumbs up'], names: ['thumbs down/frame-0001', …], … }
 */
export function buildWebcamSet(classes: readonly WebcamClass[], image: ImageSpec): ImageSet {
  const recorded = classes
    .map((c) => ({ ...c, name: c.name.trim() }))
    .filter((c) => (frames.get(c.id)?.length ?? 0) > 0)
    .sort((a, b) => byCodePoint(a.name, b.name));
  if (recorded.some((c) => c.name === '')) throw new KilnError('every webcam class needs a name', { file: 'webcam' });
  const duplicate = recorded.find((c, i) => i > 0 && recorded[i - 1].name === c.name);
  if (duplicate) throw new KilnError(`two webcam classes are both named '${duplicate.name}'; rename one`, { file: 'webcam' });
  if (recorded.length < 2) throw new KilnError('record frames for at least two classes; a classifier needs two', { file: 'webcam' });

  const total = recorded.reduce((n, c) => n + frames.get(c.id)!.length, 0);
  const builder = new ImageSetBuilder('webcam', image, recorded.map((c) => c.name), total);
  const resizer = new CanvasResizer(image);
  recorded.forEach((c, classIndex) => {
    frames.get(c.id)!.forEach((bitmap, i) => builder.add(`${c.name}/frame-${String(i + 1).padStart(4, '0')}`, classIndex, resizer.draw(bitmap)));
  });
  return builder.finish();
}
