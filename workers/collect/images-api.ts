import * as Comlink from 'comlink';
import { ImageSetBuilder } from '../../src/core/collect/images/assemble.ts';
import { planImageFolder, type ImageFolderPlan } from '../../src/core/collect/images/layout.ts';
import { summarizeImageSet, type ImageSetSummary } from '../../src/core/collect/images/summary.ts';
import type { FolderFile, ImageProgressCallback, WebcamClass } from '../../src/core/collect/protocol.ts';
import { readZipDirectory } from '../../src/core/collect/images/zip-directory.ts';
import { defaultZipLimits, formatBytes, planZip } from '../../src/core/collect/images/zip-plan.ts';
import type { ImageSet } from '../../src/core/collect/image-set.ts';
import { KilnError } from '../../src/core/errors.ts';
import type { ImageSpec } from '../../src/core/spec/schema.ts';
import { beginOperation, resident } from '../state.ts';
import { CanvasResizer, decodeInOrder, type Skip } from './images-decode.ts';
import { inflateEntry } from './images-unzip.ts';
import { addWebcamFrame, buildWebcamSet, removeWebcamClass } from './images-webcam.ts';

// Worker modules (the Deploy stage's batch job) take folders as the page sends them.
export type { FolderFile } from '../../src/core/collect/protocol.ts';

/** Sample thumbnails per class handed to the page. */
const samplesPerClass = 8;

/** Image calls the page makes into the worker; each long one reports progress and obeys `cancel()`. */
export const imagesApi = {
  /**
   * Decodes a folder of class sub-folders (paths relative to the chosen folder, which `source`
   * names) at the spec's size; keeps it as `resident.images` only if it succeeds.
   */
  async loadImageFiles(files: FolderFile[], source: string, image: ImageSpec, onProgress?: ImageProgressCallback): Promise<ImageSetSummary> {
    const signal = beginOperation();
    const byPath = new Map(files.map((f) => [f.path, f.file]));
    const plan = planImageFolder([...byPath.keys()], source);
    const file = (path: string) => byPath.get(path)!;
    return keep(await decodePlan(plan, source, image, file, (path) => file(path).size, signal, onProgress));
  },

  /** Unzips (in this worker, within `defaultZipLimits`) and decodes a zip of class sub-folders. */
  async loadImageZip(zip: Blob, source: string, image: ImageSpec, onProgress?: ImageProgressCallback): Promise<ImageSetSummary> {
    const signal = beginOperation();
    const limits = defaultZipLimits;
    if (zip.size > limits.maxArchiveBytes) {
      throw new KilnError(`is ${formatBytes(zip.size)}, over the ${formatBytes(limits.maxArchiveBytes)} limit per zip; unzip it and drop the folder instead`, { file: source });
    }
    onProgress?.({ status: 'read', done: 0, total: 1 });
    const bytes = new Uint8Array(await zip.arrayBuffer());
    const plan = planZip(readZipDirectory(bytes, source, limits.maxEntries), source, limits);
    const load = (path: string): Blob | Skip => {
      const got = inflateEntry(bytes, plan.zipEntries.get(path)!, source);
      return 'bytes' in got ? new Blob([got.bytes as Uint8Array<ArrayBuffer>]) : got;
    };
    const size = (path: string) => plan.zipEntries.get(path)!.originalSize;
    return keep(await decodePlan(plan, source, image, load, size, signal, onProgress));
  },

  /** The resident image set's summary, e.g. to show it again; null when none is loaded. */
  async imageSummary(): Promise<ImageSetSummary | null> {
    return resident.images ? transferSummary(summarizeImageSet(resident.images, samplesPerClass)) : null;
  },

  /** Keeps one webcam frame (a small square bitmap, transferred) for a class; returns the class's frame count. */
  async addWebcamFrame(classId: string, frame: ImageBitmap): Promise<number> {
    return addWebcamFrame(classId, frame);
  },

  /** Forgets a webcam class's frames. */
  async removeWebcamClass(classId: string): Promise<void> {
    removeWebcamClass(classId);
  },

  /** Builds the image set from the webcam frames of `classes` and keeps it as `resident.images`. */
  async useWebcamImages(classes: WebcamClass[], image: ImageSpec): Promise<ImageSetSummary> {
    return keep(buildWebcamSet(classes, image));
  },
};

function keep(set: ImageSet): ImageSetSummary {
  resident.images = set;
  return transferSummary(summarizeImageSet(set, samplesPerClass));
}

function transferSummary(summary: ImageSetSummary): ImageSetSummary {
  return Comlink.transfer(summary, [summary.samplePixels.buffer]);
}

async function decodePlan(
  plan: ImageFolderPlan,
  source: string,
  image: ImageSpec,
  load: (path: string) => Blob | Skip,
  sizeOf: (path: string) => number,
  signal: AbortSignal,
  onProgress?: ImageProgressCallback,
): Promise<ImageSet> {
  const builder = new ImageSetBuilder(source, image, plan.classes, plan.entries.length, plan.skipped);
  const total = plan.entries.length;
  let reported = 0;
  await decodeInOrder(plan.entries, (entry) => load(entry.path), (entry) => sizeOf(entry.path), new CanvasResizer(image), signal, (i, got) => {
    const entry = plan.entries[i];
    if (got instanceof Uint8Array) builder.add(entry.name, entry.classIndex, got);
    else builder.skip(entry.name, got.reason);
    // A few reports a second are plenty for a progress bar.
    if (performance.now() - reported > 100 || i === total - 1) {
      reported = performance.now();
      onProgress?.({ status: 'decode', done: i + 1, total });
    }
  });
  return builder.finish();
}
