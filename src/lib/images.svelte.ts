import * as Comlink from 'comlink';
import type { ImageLoadProgress, ImageSetSummary } from '../core/collect/images/summary.ts';
import type { FolderFile, ImageProgressCallback } from '../core/collect/protocol.ts';
import type { ImageSpec } from '../core/spec/schema.ts';
import { switchTrainDefaults } from '../core/train/presets.ts';
import { bridge, plain } from './bridge.ts';
import type { ImageSample } from './samples.ts';
import { project } from './project.svelte.ts';
import { run } from './run.svelte.ts';

/** A webcam class as the page shows it: its name and how many frames the worker holds for it. */
export interface WebcamClassState {
  id: string;
  name: string;
  count: number;
}

/** What was loaded last, so a new input size can decode it again. */
type LastInput = { kind: 'folder'; files: FolderFile[]; source: string } | { kind: 'zip'; file: File } | { kind: 'webcam' };

let nextClassId = 1;
const newClass = (name: string): WebcamClassState => ({ id: `class-${nextClassId++}`, name, count: 0 });

/**
 * The image set resident in the worker, as the page sees it: class counts, sample thumbnails and
 * what was skipped, plus load progress and the webcam's classes. The pixels stay in the worker.
 */
class ImagesState {
  summary = $state.raw<ImageSetSummary | null>(null);
  loading = $state(false);
  progress = $state.raw<ImageLoadProgress | null>(null);
  error = $state<string | null>(null);
  /** A calm remark, not an error: a load the user stopped (as data.notice for a CSV). */
  notice = $state<string | null>(null);
  webcamClasses = $state<WebcamClassState[]>([newClass('Class 1'), newClass('Class 2')]);
  #abort: AbortController | null = null;
  #last: LastInput | null = null;

  /** True when training will use the loaded images (the spec points at them). */
  get inUse(): boolean {
    const data = project.spec.data;
    return this.summary !== null && data.kind === 'images' && data.source === this.summary.source;
  }

  /** Decodes a folder's files (paths relative to the folder `source` names) in the worker. */
  loadFolder(files: FolderFile[], source: string): Promise<void> {
    this.#last = { kind: 'folder', files, source };
    return this.#load((api, image, onProgress) => api.loadImageFiles(files, source, image, onProgress));
  }

  /** Unzips and decodes a .zip of class folders in the worker. */
  loadZip(file: File): Promise<void> {
    this.#last = { kind: 'zip', file };
    return this.#load((api, image, onProgress) => api.loadImageZip(file, file.name, image, onProgress));
  }

  /** What the last load read, for the notice when it is stopped. */
  #lastName(): string {
    const last = this.#last;
    return last?.kind === 'zip' ? last.file.name : last?.kind === 'folder' ? last.source : 'the images';
  }

  /** Stops decoding; the images loaded before stay. */
  cancel(): void {
    this.#abort?.abort();
  }

  /** Sets the input size in the spec and decodes the current images again at that size. */
  async setImageSize(image: ImageSpec): Promise<void> {
    project.spec.data = { ...project.spec.data, image };
    const last = this.#last;
    if (!last || !this.summary) return;
    if (last.kind === 'folder') await this.loadFolder(last.files, last.source);
    else if (last.kind === 'zip') await this.loadZip(last.file);
    else await this.useWebcam();
  }

  /** Points the spec at the loaded images again (e.g. after a CSV was loaded since). */
  use(): void {
    if (!this.summary) return;
    project.spec.data = { ...project.spec.data, kind: 'images', source: this.summary.source, label: 'class', features: undefined };
    project.spec.train = switchTrainDefaults(project.spec.train, 'images'); // a CNN learns at its own default rate
    run.reset();
  }

  addWebcamClass(): void {
    this.webcamClasses.push(newClass(`Class ${this.webcamClasses.length + 1}`));
  }

  async removeWebcamClass(id: string): Promise<void> {
    this.webcamClasses = this.webcamClasses.filter((c) => c.id !== id);
    await bridge.api.removeWebcamClass(id);
  }

  /** Hands one captured frame (a small square bitmap) to the worker. */
  async captureFrame(id: string, frame: ImageBitmap): Promise<void> {
    const count = await bridge.api.addWebcamFrame(id, Comlink.transfer(frame, [frame]));
    const entry = this.webcamClasses.find((c) => c.id === id);
    if (entry) entry.count = count;
  }

  /** True once two classes have frames: enough to build a set. */
  get webcamReady(): boolean {
    return this.webcamClasses.filter((c) => c.count > 0).length >= 2;
  }

  /** Loads a bundled image sample (a zip of class folders in public/data) at its intended size. */
  async loadSample(sample: ImageSample): Promise<void> {
    project.spec.data = { ...project.spec.data, image: { ...sample.image } };
    const response = await fetch(sample.file).catch(() => null);
    if (!response?.ok) {
      this.error = `Could not read the bundled sample ${sample.file}`;
      return;
    }
    await this.loadZip(new File([await response.blob()], sample.file.split('/').pop()!));
  }

  /** Builds the image set from the webcam frames and makes it the one training uses. */
  async useWebcam(): Promise<void> {
    if (!this.webcamReady) return;
    this.#last = { kind: 'webcam' };
    const classes = this.webcamClasses.map(({ id, name }) => ({ id, name }));
    await this.#load((api, image) => api.useWebcamImages(classes, image));
  }

  async #load(
    call: (api: typeof bridge.api, image: ImageSpec, onProgress: ImageProgressCallback) => Promise<ImageSetSummary>,
  ): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    Object.assign(this, { loading: true, error: null, notice: null, progress: null });
    const onProgress = Comlink.proxy((p: ImageLoadProgress) => void (this.progress = p));
    try {
      const summary = await bridge.cancellable(abort.signal, (api) => call(api, plain(project.spec.data.image), onProgress));
      this.summary = summary;
      this.use();
    } catch (e) {
      // Stopped by the user: what was loaded before stays, so that is said calmly, not as an error.
      if (this.#abort === abort && abort.signal.aborted) this.notice = `Stopped loading ${this.#lastName()}.` + (this.summary ? ` ${this.summary.source} is still loaded.` : '');
      else if (this.#abort === abort) this.error = (e as Error).message;
    } finally {
      if (this.#abort === abort) Object.assign(this, { loading: false, progress: null });
    }
  }
}

/** The page's image state, shared by the Collect panel's image parts. */
export const images = new ImagesState();
