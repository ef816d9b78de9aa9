import type { AugmentOpName, AugmentOps, AugmentSpecInput } from '../../core/augment/schema.ts';
import { augmentOpNames } from '../../core/augment/schema.ts';

/** How the panel shows one op's strength field: its key in the spec, slider range and readout. */
export interface StrengthMeta {
  key: string;
  label: string;
  min: number;
  max: number;
  step: number;
  format: (v: number) => string;
}

/** What a row of the op table shows: a label, a hint and, for all but flips, a strength. */
export interface OpMeta {
  name: AugmentOpName;
  label: string;
  hint: string;
  strength: StrengthMeta | null;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;
const plusMinus = (v: number) => `±${v.toFixed(2)}`;

/** Every op, in the order augmentation applies them (ranges follow src/core/augment/schema.ts). */
export const opMeta: readonly OpMeta[] = [
  { name: 'flipHorizontal', label: 'Flip left ↔ right', hint: 'Mirror image', strength: null },
  { name: 'flipVertical', label: 'Flip top ↔ bottom', hint: 'Upside down', strength: null },
  {
    name: 'rotate',
    label: 'Rotate',
    hint: 'Turn by up to ± the angle',
    strength: { key: 'degrees', label: 'max angle', min: 0, max: 180, step: 1, format: (v) => `±${v}°` },
  },
  {
    name: 'crop',
    label: 'Crop and zoom',
    hint: 'Keep a part of at least this area (100% never crops)',
    strength: { key: 'scale', label: 'smallest area', min: 0.05, max: 1, step: 0.05, format: percent },
  },
  {
    name: 'translate',
    label: 'Shift',
    hint: 'Move by up to this share of the size',
    strength: { key: 'fraction', label: 'max shift', min: 0, max: 0.5, step: 0.01, format: (v) => `±${percent(v)}` },
  },
  {
    name: 'brightness',
    label: 'Brightness',
    hint: 'Add up to ± this to every pixel (0–1 scale)',
    strength: { key: 'delta', label: 'max change', min: 0, max: 1, step: 0.01, format: plusMinus },
  },
  {
    name: 'contrast',
    label: 'Contrast',
    hint: 'Stretch or flatten by up to this factor',
    strength: { key: 'delta', label: 'max change', min: 0, max: 1, step: 0.01, format: plusMinus },
  },
  {
    name: 'noise',
    label: 'Noise',
    hint: 'Random speckle with this spread',
    strength: { key: 'std', label: 'spread (std)', min: 0, max: 1, step: 0.01, format: (v) => v.toFixed(2) },
  },
  {
    name: 'cutout',
    label: 'Cutout',
    hint: 'Black out a square this share of the side',
    strength: { key: 'size', label: 'square side', min: 0, max: 1, step: 0.05, format: percent },
  },
];

/** One op's settings as plain numbers, so a generic row can read and write its fields. */
export function opFields(ops: AugmentOps, name: AugmentOpName): Record<string, number> {
  return ops[name] as Record<string, number>;
}

/** An augment section that changes nothing: every op's chance 0, which skips it outright. */
export const identityAugment: AugmentSpecInput = {
  ops: Object.fromEntries(augmentOpNames.map((name) => [name, { p: 0 }])),
};
