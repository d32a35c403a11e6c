/**
 * Matching a table's headings to meshes and rows: case, accents and
 * punctuation are ignored, `&` reads as "and", and the names articles use
 * (db/seed: mesh `otherNames`, row `aliases`) count as well as slugs, names
 * and former names.
 */
import { meshes as seedMeshes } from '@/db/seed/meshes';
import { categories as seedCategories } from '@/db/seed/taxonomy';

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

export const seedMeshNames: ReadonlyMap<string, string[]> = new Map(seedMeshes.map((m) => [m.slug, m.otherNames ?? []]));
export const seedRowAliases: ReadonlyMap<string, string[]> = new Map(
  seedCategories.flatMap((c) => c.features.map((f) => [f.slug, f.aliases ?? []] as const)),
);

/** First-column words that make a row name the release of each column. */
export const versionRowNames = new Set(
  ['Version', 'Versions', 'Current version', 'Latest version', 'Version compared', 'Version tested', 'Release', 'Releases', 'Current release', 'Latest release'].map(nameKey),
);

/** Finds things by any of their names; a name two things share finds neither, so it is reported rather than guessed. */
export class NameIndex<T> {
  private readonly byKey = new Map<string, Set<T>>();

  add(thing: T, names: (string | null | undefined)[]): void {
    for (const name of names) {
      const key = name ? nameKey(name) : '';
      if (!key) continue;
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(thing);
    }
  }

  find(name: string): { found: T } | { ambiguous: T[] } | null {
    const set = this.byKey.get(nameKey(name));
    if (!set) return null;
    return set.size === 1 ? { found: [...set][0]! } : { ambiguous: [...set] };
  }
}

/** `Istio 1.9`, `Istio (1.9)`, `Linkerd v2.12`: the name and the release it names. */
export function splitTrailingVersion(heading: string): { name: string; label: string } | null {
  const match = /^(.*?\S)(?:\s*\(\s*v?(\d+(?:\.\d+)*[A-Za-z0-9.+_-]*)\s*\)|\s+v?(\d+(?:\.\d+)*[A-Za-z0-9.+_-]*))$/.exec(heading.trim());
  if (!match) return null;
  return { name: match[1]!, label: (match[2] ?? match[3])! };
}
