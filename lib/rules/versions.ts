/**
 * A release as the one release order sees it. `namedOn` is when the first
 * source named the release: the mesh_versions `created_at` timestamp.
 */
export interface ReleaseLike {
  label: string;
  /** `YYYY-MM-DD`, when a source gives the release date. */
  releasedOn: string | null;
  namedOn: string;
}

/** A mesh_versions row (or anything carrying its columns) as the release order sees it. */
export function releaseOfVersion(version: {
  label: string;
  releasedOn: string | null;
  createdAt: string;
}): ReleaseLike {
  return { label: version.label, releasedOn: version.releasedOn, namedOn: version.createdAt };
}

// Label classes, earliest first: numbered releases, then releases named by a
// date, then words such as `managed` or `unspecified`, which name no point in
// a release line and so sort after the ones that do.
const NUMBERED = 0;
const DATED = 1;
const WORD = 2;

/** A run of digits (`numeric`) or of other characters. */
interface Token {
  numeric: boolean;
  text: string;
}

interface LabelKey {
  kind: typeof NUMBERED | typeof DATED | typeof WORD;
  /** Numbered: the dot parts; dated: year, month, day. */
  numbers: string[];
  /** Numbered: the pre-release identifiers (none for a release); word: the label's runs of digits and of other characters. */
  tokens: Token[];
}

interface ReleaseKey {
  date: string;
  label: LabelKey;
  raw: string;
}

const NUMBERED_LABEL = /^v?(\d+(?:\.\d+)*)(?:-([0-9a-z-]+(?:\.[0-9a-z-]+)*))?(?:\+[0-9a-z.-]*)?$/i;
const DATED_LABEL = /^(as[\s_-]*of[\s_-]*)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/i;

function tokensOf(text: string): Token[] {
  return (text.toLowerCase().match(/\d+|[^\d\s._+-]+/g) ?? []).map((run) => ({ numeric: /^\d/.test(run), text: run }));
}

function keyOfLabel(label: string): LabelKey {
  const trimmed = label.trim();
  // Checked before numbered labels: `2021-03` would otherwise read as release 2021, pre-release 03.
  const dated = DATED_LABEL.exec(trimmed);
  if (dated && (dated[1] !== undefined || dated[3] !== undefined)) {
    return { kind: DATED, numbers: [dated[2]!, dated[3] ?? '0', dated[4] ?? '0'], tokens: [] };
  }
  const numbered = NUMBERED_LABEL.exec(trimmed);
  if (numbered) {
    return {
      kind: NUMBERED,
      numbers: numbered[1]!.split('.'),
      tokens: numbered[2] === undefined ? [] : numbered[2].split('.').map(tokenOfIdentifier),
    };
  }
  return { kind: WORD, numbers: [], tokens: tokensOf(trimmed) };
}

/** A semver pre-release identifier is numeric only when it is all digits (`rc1` is one alphanumeric identifier). */
function tokenOfIdentifier(identifier: string): Token {
  return { numeric: /^\d+$/.test(identifier), text: identifier.toLowerCase() };
}

/** Digit strings compared as numbers of any size, without converting them (labels may hold more digits than a double keeps). */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return compareStrings(x, y);
}

/** By UTF-16 code units, never by locale, so the order is the same on every machine. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Missing parts count as 0, so `1.9` and `1.9.0` tie here and the raw label decides. */
function compareNumbers(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

/** Semver's rule for pre-release identifiers, also used for words: numbers before text, a shorter prefix first. */
function compareTokens(a: Token[], b: Token[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.numeric !== y.numeric) return x.numeric ? -1 : 1;
    const order = x.numeric ? compareDigits(x.text, y.text) : compareStrings(x.text, y.text);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareLabelKeys(a: LabelKey, b: LabelKey): number {
  if (a.kind !== b.kind) return a.kind - b.kind;
  const byNumbers = compareNumbers(a.numbers, b.numbers);
  if (byNumbers !== 0) return byNumbers;
  // A pre-release comes before its release.
  if (a.kind === NUMBERED && (a.tokens.length === 0) !== (b.tokens.length === 0)) return a.tokens.length === 0 ? 1 : -1;
  return compareTokens(a.tokens, b.tokens);
}

function keyOfRelease(release: ReleaseLike): ReleaseKey {
  // Days only: releasedOn is a day and namedOn a timestamp, and comparing a day with a
  // timestamp of that same day must not depend on the time. Releases named the same
  // day (one article, one table) are then ordered by their labels.
  return {
    date: (release.releasedOn ?? release.namedOn).slice(0, 10),
    label: keyOfLabel(release.label),
    raw: release.label,
  };
}

function compareKeys(a: ReleaseKey, b: ReleaseKey): number {
  return Math.sign(
    compareStrings(a.date, b.date) || compareLabelKeys(a.label, b.label) || compareStrings(a.raw, b.raw),
  );
}

/**
 * The one order of a mesh's releases, oldest first, used wherever releases are
 * ordered. By the release's day (its release date when a source gives one,
 * else the day it was first named), then by label (see keyOfLabel: numbered
 * releases semver-like, with a leading v and build metadata ignored and
 * pre-releases before their release; then date labels such as `as-of-2021-03`
 * by their date; then words), then by the raw label. It is a total order:
 * 0 only for the same day and the same label.
 */
export function compareReleases(a: ReleaseLike, b: ReleaseLike): number {
  return compareKeys(keyOfRelease(a), keyOfRelease(b));
}

/** Oldest first, as compareReleases orders them; `releaseOf` reads items that are not ReleaseLike themselves. */
export function sortReleases<T extends ReleaseLike>(releases: readonly T[]): T[];
export function sortReleases<T>(items: readonly T[], releaseOf: (item: T) => ReleaseLike): T[];
export function sortReleases<T>(
  items: readonly T[],
  releaseOf: (item: T) => ReleaseLike = (item) => item as ReleaseLike,
): T[] {
  // Keys are read once per item rather than once per comparison.
  return items
    .map((item) => ({ item, key: keyOfRelease(releaseOf(item)) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ item }) => item);
}
