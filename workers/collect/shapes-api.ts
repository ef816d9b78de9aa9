import * as Comlink from 'comlink';
import { generateShapes, type ShapesOptions } from '../../src/core/collect/images/shapes.ts';
import { summarizeImageSet, type ImageSetSummary } from '../../src/core/collect/images/summary.ts';
import { resident } from '../state.ts';

/** Collect-stage call for the generated shapes sample. */
export const shapesApi = {
  /**
   * Draws the seeded shapes set (see `generateShapes`), keeps it as the resident images and
   * returns the same summary a decoded folder gets, so the image grid shows it.
   */
  async loadShapes(options: Partial<ShapesOptions> = {}): Promise<ImageSetSummary> {
    const set = generateShapes(options);
    resident.images = set;
    const summary = summarizeImageSet(set, 8);
    return Comlink.transfer(summary, [summary.samplePixels.buffer]);
  },
};
