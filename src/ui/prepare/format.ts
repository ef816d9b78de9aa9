/**
 * A number as the panel prints it: four significant digits, no trailing zeros, '—' when
 * missing or undefined (NaN, e.g. the correlation of a constant column).
 *
 * fmt(0.28000000000000004) // → '0.28'; fmt(NaN) // → '—'
 */
export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return String(+v.toPrecision(4));
}

/** A preview cell: numbers through `fmt`, text as it is, missing as an empty marker. */
export function cell(v: number | string | null): string {
  return typeof v === 'number' ? fmt(v) : (v ?? '');
}

/** A colour-blind-safe palette for classes (Okabe–Ito, reordered so neighbours contrast). */
export const classColours = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#999999'];
