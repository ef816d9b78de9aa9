/** Fields every bundled sample has; files live in public/data and load offline. */
interface SampleInfo {
  id: string;
  /** Path relative to the app root, e.g. "data/iris.csv". */
  file: string;
  title: string;
  /** Label column; for images 'class', the column the loaded set names its class folders (the card and the set must agree). */
  label: string;
  /** File size in KB (1 KB = 1024 bytes), rounded; a unit test keeps it honest. */
  sizeKB: number;
  licence: string;
  /** One line shown on the sample's card. */
  description: string;
}

/** A CSV table. */
export interface TableSample extends SampleInfo {
  kind: 'table';
  rows: number;
  columns: number;
}

/** A zip with one folder of PNGs per class. */
export interface ImageSample extends SampleInfo {
  kind: 'images';
  images: number;
  classes: number;
  /** The size the images are stored at, and so the natural `data.image` for a spec. */
  image: { width: number; height: number; channels: 1 | 3 };
}

/** A data set that ships with the app in public/data (provenance in public/data/LICENSES.md). */
export type Sample = TableSample | ImageSample;

export const samples: Sample[] = [
  {
    kind: 'table',
    id: 'iris',
    file: 'data/iris.csv',
    title: 'Iris',
    label: 'species',
    rows: 150,
    columns: 5,
    sizeKB: 4,
    licence: 'CC BY 4.0 (UCI Machine Learning Repository)',
    description: 'Fisher’s 1936 flower measurements: tell three iris species apart from four sizes.',
  },
  {
    kind: 'table',
    id: 'penguins',
    file: 'data/penguins.csv',
    title: 'Palmer Penguins',
    label: 'species',
    rows: 344,
    columns: 7,
    sizeKB: 13,
    licence: 'CC0 1.0 (Palmer Station LTER, via palmerpenguins)',
    description: 'Three Antarctic penguin species from bill, flipper, mass, island and sex; some cells are missing.',
  },
  {
    kind: 'table',
    id: 'cars',
    file: 'data/cars.csv',
    title: 'Cars (Auto MPG)',
    label: 'Miles_per_Gallon',
    rows: 406,
    columns: 8,
    sizeKB: 13,
    licence: 'CC BY 4.0 (UCI Auto MPG, from CMU StatLib)',
    description: 'Regression: predict fuel economy of 1970–82 cars from engine, weight, year and origin.',
  },
  {
    kind: 'images',
    id: 'digits',
    file: 'data/digits.zip',
    title: 'Handwritten digits (MNIST)',
    label: 'class',
    images: 3000,
    classes: 10,
    image: { width: 28, height: 28, channels: 1 },
    sizeKB: 1135,
    licence: 'CC BY-SA 3.0 (LeCun & Cortes, MNIST)',
    description: '3,000 MNIST digits, 300 per class: 28×28 greyscale PNGs in one folder per digit.',
  },
];

/** A size for people: "4 KB", "1.1 MB". */
export function formatSize(kb: number): string {
  return kb < 1024 ? `${kb} KB` : `${(kb / 1024).toFixed(1)} MB`;
}
