/** Small helpers for writing bash source from TypeScript. */

/**
 * A single-quoted bash word: safe for any text, including quotes and `$`.
 *
 * shellQuote("it's $5") // → `'it'\''s $5'`
 */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A bash function that prints `body` as JSON through an unquoted heredoc, so the `${VAR}`
 * placeholders in its strings expand at run time. Anything else bash would expand in a heredoc
 * (a stray `$`, a backtick or a backslash) is refused: the generated values never contain one.
 *
 * jsonFunction('request_x', { Name: '${X}' }) // → 'request_x() {\n  cat <<JSON\n{\n  "Name": "${X}"\n}\nJSON\n}'
 */
export function jsonFunction(name: string, body: unknown): string {
  const json = JSON.stringify(body, null, 2);
  const stray = json.replace(/\$\{[A-Z_]+\}/g, '').match(/[$`\\]/);
  if (stray) throw new Error(`request ${name} holds '${stray[0]}', which a heredoc would expand`);
  return `${name}() {\n  cat <<JSON\n${json}\nJSON\n}`;
}

/**
 * `case` arms mapping each region to its value, regions sharing a value grouped on one arm.
 *
 * caseArms({ 'us-east-1': 'A', 'eu-west-1': 'A' }) // → "    us-east-1|eu-west-1) echo 'A' ;;"
 */
export function caseArms(table: Readonly<Record<string, string>>, indent = '    '): string {
  const byValue = new Map<string, string[]>();
  for (const [key, value] of Object.entries(table)) byValue.set(value, [...(byValue.get(value) ?? []), key]);
  return [...byValue].map(([value, keys]) => `${indent}${keys.join('|')}) echo ${shellQuote(value)} ;;`).join('\n');
}
