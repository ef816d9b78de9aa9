/** A data set that ships with the app in public/data, usable offline. */
export interface Sample {
  id: string;
  file: string;
  title: string;
  label: string;
  rows: number;
  columns: number;
  licence: string;
  description: string;
}

export const samples: Sample[] = [
  {
    id: 'iris',
    file: 'data/iris.csv',
    title: 'Iris',
    label: 'species',
    rows: 150,
    columns: 5,
    licence: 'CC BY 4.0 (UCI Machine Learning Repository)',
    description: 'Fisher’s 1936 flower measurements: tell three iris species apart from four sizes.',
  },
];
