export interface VersionLike {
  label: string;
  releasedOn: string | null;
}

function labelParts(label: string): (number | string)[] {
  return label.split(/[.\-_+ ]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part.toLowerCase()));
}

export function compareLabels(a: string, b: string): number {
  const pa = labelParts(a);
  const pb = labelParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * Oldest first: by release date where both have one, otherwise by label
 * compared numerically (1.9 before 1.16.1), since most releases have no
 * sourced date.
 */
export function compareVersions(a: VersionLike, b: VersionLike): number {
  if (a.releasedOn && b.releasedOn && a.releasedOn !== b.releasedOn) return a.releasedOn < b.releasedOn ? -1 : 1;
  return compareLabels(a.label, b.label);
}

export function sortVersions<T extends VersionLike>(versions: T[]): T[] {
  return [...versions].sort(compareVersions);
}
