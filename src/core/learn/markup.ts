import { glossary, isTermId, type TermId } from './glossary.ts';

/** A run of plain text, or a glossary term shown with its own words. */
export type Segment = { text: string } | { text: string; term: TermId };

const marker = /\[\[([a-z-]+)(?:\|([^\]]+))?\]\]/g;

/**
 * Splits intro text into plain runs and glossary terms marked `[[id]]` or `[[id|shown words]]`.
 * An unknown id is shown as plain text (the completeness test keeps that from shipping).
 *
 * segments('One [[epoch]] is a pass') // → [{ text: 'One ' }, { text: 'epoch', term: 'epoch' }, { text: ' is a pass' }]
 */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(marker)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index) });
    const [, id, shown] = m;
    if (isTermId(id)) out.push({ text: shown ?? glossary[id].term, term: id });
    else out.push({ text: shown ?? id });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** The term ids a text marks, known or not, in order of appearance. */
export function markedTerms(text: string): string[] {
  return [...text.matchAll(marker)].map((m) => m[1]);
}

/** The text as a screen would read it without links: markers replaced by their shown words. */
export function plainText(text: string): string {
  return segments(text).map((s) => s.text).join('');
}
