/**
 * Matching a table's headings to meshes and rows. An exact match ignores case,
 * accents and punctuation (`&` reads as "and") and counts slugs, names, former
 * names and remembered aliases; anything weaker is only a suggestion.
 */

export function nameKey(name: string): string {
  return (
    name
      // servicemesh.es serves "mæsh" as MacRoman mojibake.
      .replace(/√¶/g, 'æ')
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/œ/g, 'oe')
      .replace(/ß/g, 'ss')
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]/g, '')
  );
}

/** First-column words that make a row name the release of each column. */
export const versionRowNames = new Set(
  [
    'Version',
    'Versions',
    'Current version',
    'Latest version',
    'Version compared',
    'Version tested',
    'Release',
    'Releases',
    'Current release',
    'Latest release',
  ].map(nameKey),
);

/** Finds things by any of their names; a name two things share finds neither, so it is reported rather than guessed. */
export class NameIndex<T> {
  private readonly byKey = new Map<string, Set<T>>();
  private readonly names = new Map<T, string[]>();

  add(thing: T, names: (string | null | undefined)[]): void {
    for (const name of names) {
      const key = name ? nameKey(name) : '';
      if (!key) continue;
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(thing);
      const known = this.names.get(thing) ?? [];
      if (!known.includes(name!)) known.push(name!);
      this.names.set(thing, known);
    }
  }

  find(name: string): { found: T } | { ambiguous: T[] } | null {
    const set = this.byKey.get(nameKey(name));
    if (!set) return null;
    return set.size === 1 ? { found: [...set][0]! } : { ambiguous: [...set] };
  }

  /** The closest things by any of their names, best first; never an exact match's replacement, only a hint. */
  suggest(name: string, limit = 3): T[] {
    const scored: { thing: T; score: number }[] = [];
    for (const [thing, names] of this.names) {
      const score = Math.max(...names.map((n) => nameSimilarity(name, n)));
      if (score >= SUGGESTION_THRESHOLD) scored.push({ thing, score });
    }
    return scored
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((s) => s.thing);
  }
}

const SUGGESTION_THRESHOLD = 0.45;
/** Words that every mesh or row name may carry; sharing them says nothing. */
const fillerWords = new Set([
  'the',
  'a',
  'an',
  'of',
  'and',
  'for',
  'with',
  'via',
  'by',
  'mesh',
  'service',
  'support',
  'supported',
]);

function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !fillerWords.has(w));
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** 0..1: shared meaningful words, a name inside the other, or few typing differences. */
export function nameSimilarity(a: string, b: string): number {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (!ka || !kb) return 0;
  if (ka === kb) return 1;
  const wa = new Set(words(a));
  const wb = new Set(words(b));
  const shared = [...wa].filter((w) => wb.has(w)).length;
  const union = new Set([...wa, ...wb]).size;
  const overlap = union ? shared / union : 0;
  const contained = Math.min(ka.length, kb.length) >= 3 && (ka.includes(kb) || kb.includes(ka)) ? 0.7 : 0;
  const typing = 1 - editDistance(ka, kb) / Math.max(ka.length, kb.length);
  return Math.max(overlap, contained, typing >= 0.7 ? typing : 0);
}

/** `Istio 1.9`, `Istio (1.9)`, `Linkerd v2.12`: the name and the release it names. */
export function splitTrailingVersion(heading: string): { name: string; label: string } | null {
  const match = /^(.*?\S)(?:\s*\(\s*v?(\d+(?:\.\d+)*[A-Za-z0-9.+_-]*)\s*\)|\s+v?(\d+(?:\.\d+)*[A-Za-z0-9.+_-]*))$/.exec(
    heading.trim(),
  );
  if (!match) return null;
  const label = (match[2] ?? match[3])!;
  // "Linkerd 1.x" names a product line, not a release.
  if (/(^|\.)x$/i.test(label)) return null;
  return { name: match[1]!, label };
}
