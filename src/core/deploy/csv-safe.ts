/**
 * Text cells a spreadsheet would run as a formula: starting with = + - @, a tab or a carriage
 * return (OWASP's CSV-injection rule), unless the cell is a plain number such as -1.5 or +3e-2,
 * which a spreadsheet reads as the number it is and must stay unchanged.
 *
 * formulaCell.test('=HYPERLINK("http://x")') // → true
 * formulaCell.test('-1.5') // → false
 */
export const formulaCell = /^(?![+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$)[=+\-@\t\r]/;

/**
 * Papa.unparse options for every CSV Kiln writes for people to open: '\n' line ends, and a cell
 * that `formulaCell` matches gets a leading single quote (and quotes), so it shows as text.
 *
 * Papa.unparse([['=1+1', '-1.5']], csvWriteOptions) // → `"'=1+1",-1.5`
 */
export const csvWriteOptions = { newline: '\n', escapeFormulae: formulaCell } as const;
