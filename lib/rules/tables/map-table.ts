/**
 * Maps a parsed table onto the matrix: which column is which mesh (and
 * release), which row is which matrix row, and what each cell says. Pure: the
 * caller passes the meshes, rows and categories it read in its transaction,
 * and the admin's choices for names that match nothing exactly.
 *
 * Only an exact match (name, slug, former name or remembered alias, ignoring
 * case and punctuation) or an explicit choice places a name. Anything weaker
 * is a suggestion in the report; the name is left out until someone chooses.
 */
import { placeUnnamedValue } from '../release-labels';
import type { Source } from '@/db/schema';
import { slugFromName } from '../slugs';
import { sourceUrlProblem } from '../sources';
import { releaseLabelSchema, slugSchema } from '../validation';
import { isOnlySupportWord, readCell, type ImportedValue } from './cell-values';
import { readHeading } from './heading';
import { NameIndex, nameKey, splitTrailingVersion, versionRowNames } from './names';
import type { ParsedTable, TableCell, TableProblem, TableRow } from './table';
import { transposeTable } from './transpose';

export interface CatalogVersion {
  id: number;
  label: string;
  releasedOn: string | null;
  /** mesh_versions.created_at, which orders the release (lib/rules/versions.ts). */
  namedOn: string;
}

export interface CatalogMesh {
  /** Negative: a mesh this import creates. */
  id: number;
  slug: string;
  name: string;
  formerNames: { slug: string; name: string }[];
  /** Remembered names from earlier imports and the seed. */
  aliases: string[];
  versions: CatalogVersion[];
}

export interface CatalogCategory {
  /** Negative: a category this import creates. */
  id: number;
  slug: string;
  name: string;
  status: 'active' | 'retired';
}

export interface CatalogFeature {
  /** Negative: a row this import creates. */
  id: number;
  slug: string;
  name: string;
  kind: 'support' | 'text';
  status: 'active' | 'retired';
  categoryId: number;
  aliases: string[];
  /** Only for rows this import creates. */
  definition?: string;
}

export interface Catalog {
  meshes: CatalogMesh[];
  features: CatalogFeature[];
  categories: CatalogCategory[];
}

export type NameChoice = { action: 'map'; slug: string } | { action: 'create' } | { action: 'skip' };

/** What the admin decided for names the table uses, keyed by the heading as the report shows it. */
export interface ImportChoices {
  columns?: Record<string, NameChoice>;
  rows?: Record<string, NameChoice>;
  /** Create every mesh and row that matches nothing (the command line's --create). */
  createUnknown?: boolean;
  /** Leave out every name that matches nothing, without asking (the command line's --skip-unknown). */
  skipUnknown?: boolean;
}

export type PlacementStatus = 'mapped' | 'suggested' | 'created' | 'skipped' | 'unknown';
export type MatchedBy = 'name' | 'alias' | 'choice' | 'created';
export type Orientation = 'meshes as columns' | 'meshes as rows';
export type ReleaseOrigin = 'version row' | 'heading' | 'newest release' | 'table date';

export interface Suggestion {
  slug: string;
  name: string;
}

export interface MappedColumn {
  column: number;
  line: number;
  heading: string;
  status: 'mapped' | 'created';
  matchedBy: MatchedBy;
  mesh: CatalogMesh;
  label: string;
  /** null: the release does not exist yet and the import creates it. */
  version: CatalogVersion | null;
  releaseFrom: ReleaseOrigin;
}

export interface UnplacedName {
  line: number;
  heading: string;
  status: 'suggested' | 'skipped' | 'unknown';
  reason: string;
  suggestions: Suggestion[];
}

export interface UnplacedColumn extends UnplacedName {
  column: number;
}

export interface MappedRow {
  line: number;
  heading: string;
  explanation: string | null;
  status: 'mapped' | 'created';
  matchedBy: MatchedBy;
  feature: CatalogFeature;
}

export interface UnplacedRow extends UnplacedName {
  explanation: string | null;
  /** The category the table puts the row under, if any. */
  category: string | null;
}

export interface MappedCell {
  line: number;
  column: MappedColumn;
  row: MappedRow;
  value: ImportedValue;
  /** Links found in the cell, resolved against the source URL; http(s) only. */
  links: Source[];
}

export interface MappedTable {
  orientation: Orientation;
  columns: MappedColumn[];
  unplacedColumns: UnplacedColumn[];
  rows: MappedRow[];
  unplacedRows: UnplacedRow[];
  categories: { line: number; heading: string }[];
  /** Meshes, categories and rows the import creates (negative ids), in the order they appear. */
  newMeshes: CatalogMesh[];
  newCategories: CatalogCategory[];
  newFeatures: CatalogFeature[];
  cells: MappedCell[];
  emptyCells: number;
  problems: TableProblem[];
  notes: string[];
}

export interface MapOptions {
  sourceUrl: string;
  /** `YYYY-MM-DD`: labels the first release of a mesh the import creates when the table names none. */
  date: string;
  choices?: ImportChoices;
}

const MAX_TEXT = 500;
const MAX_NOTE = 1000;
/** How many rows at the top may hold the mesh names (servicemesh.es puts logos above them, grouped headers a group row). */
const HEADER_CANDIDATES = 3;
/** Corner cells that label the column of row names rather than name a category. */
const genericCorner = new Set(
  [
    'feature',
    'features',
    'capability',
    'capabilities',
    'mesh',
    'meshes',
    'name',
    'service mesh',
    'comparison',
    'criteria',
  ].map(nameKey),
);
const noRelease = /^(n\/?a|none|unknown|\?|-+|–|—)(\W|$)/i;

const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
const columnName = (column: number) => `column ${column + 1}`;
/** The name a heading cell gives, as the report shows it and as choices are keyed. */
export const headingOf = (cell: TableCell | undefined) => (cell?.name ?? cell?.text ?? '').trim();

function resolveLinks(links: { url: string; title: string | null }[], sourceUrl: string): Source[] {
  const resolved: Source[] = [];
  for (const link of links) {
    let url: string;
    try {
      url = new URL(link.url, sourceUrl).href;
    } catch {
      continue;
    }
    if (sourceUrlProblem(url) || resolved.some((s) => s.url === url)) continue;
    // A link whose text is only "yes" or "no" gives no title; readers then see its address, which says more.
    resolved.push({ url, title: link.title && !isOnlySupportWord(link.title) ? link.title : null });
  }
  return resolved;
}

function findRelease(mesh: CatalogMesh, label: string): CatalogVersion | undefined {
  const wanted = label.toLowerCase();
  const bare = wanted.replace(/^v(?=\d)/, '');
  return (
    mesh.versions.find((v) => v.label.toLowerCase() === wanted) ??
    mesh.versions.find((v) => v.label.toLowerCase().replace(/^v(?=\d)/, '') === bare)
  );
}

/** A slug not taken by any of `taken`, derived from the name. */
function freeSlug(name: string, taken: Set<string>, fallback: string): string {
  let base = slugFromName(name);
  if (!slugSchema.safeParse(base).success) base = fallback;
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base.slice(0, 75)}-${n}`;
  taken.add(slug);
  return slug;
}

/**
 * A support cell that is nothing but links ("Istio Tasks" linking to the
 * guide, "yes" linking to the adopters page) says the thing exists and where:
 * yes, with the link text as the note unless it is just the word.
 */
function readValue(cell: TableCell, kind: 'support' | 'text', footnotes: Record<string, string>): ImportedValue | null {
  const value = readCell(cell.text, kind, footnotes);
  if (!value?.guessed || cell.links.length === 0) return value;
  let rest = cell.text;
  for (const link of cell.links) if (link.title) rest = rest.replace(link.title, ' ');
  return /^[\s,;.&]*$/.test(rest) ? { support: 'yes', text: null, note: value.note, guessed: false } : value;
}

type MeshMatch = { mesh: CatalogMesh; label: string | null } | { ambiguous: CatalogMesh[] } | null;

/** Every exact reading of a heading: as written, without its parenthetical, and either with a trailing release split off. */
function headingReadings(heading: string): { name: string; label: string | null }[] {
  const bare = readHeading(heading).name;
  const readings: { name: string; label: string | null }[] = [];
  for (const name of new Set([heading, bare])) {
    if (!name) continue;
    readings.push({ name, label: null });
    const split = splitTrailingVersion(name);
    if (split) readings.push({ name: split.name, label: split.label });
  }
  return readings;
}

class Matcher {
  readonly meshIndex = new NameIndex<CatalogMesh>();
  readonly featureIndex = new NameIndex<CatalogFeature>();
  readonly categoryIndex = new NameIndex<CatalogCategory>();

  constructor(readonly catalog: Catalog) {
    for (const mesh of catalog.meshes) {
      this.meshIndex.add(mesh, [
        mesh.slug,
        mesh.name,
        ...mesh.formerNames.flatMap((a) => [a.slug, a.name]),
        ...mesh.aliases,
      ]);
    }
    for (const feature of catalog.features)
      this.featureIndex.add(feature, [feature.slug, feature.name, ...feature.aliases]);
    for (const category of catalog.categories) this.categoryIndex.add(category, [category.slug, category.name]);
  }

  mesh(heading: string): MeshMatch {
    let ambiguous: CatalogMesh[] | null = null;
    for (const reading of headingReadings(heading)) {
      const found = this.meshIndex.find(reading.name);
      if (found && 'found' in found) return { mesh: found.found, label: reading.label };
      if (found) ambiguous ??= found.ambiguous;
    }
    return ambiguous ? { ambiguous } : null;
  }

  feature(heading: string): { found: CatalogFeature } | { ambiguous: CatalogFeature[] } | null {
    let ambiguous: CatalogFeature[] | null = null;
    for (const name of new Set([heading, readHeading(heading).name])) {
      const found = name ? this.featureIndex.find(name) : null;
      if (found && 'found' in found) return found;
      if (found) ambiguous ??= found.ambiguous;
    }
    return ambiguous ? { ambiguous } : null;
  }

  /** How a matched name was found: by the thing's own name, slug or former name, or by a remembered alias. */
  static matchedBy(heading: string, names: string[]): MatchedBy {
    const keys = new Set(headingReadings(heading).map((r) => nameKey(r.name)));
    return names.some((n) => keys.has(nameKey(n))) ? 'name' : 'alias';
  }
}

const asSuggestion = (thing: { slug: string; name: string }): Suggestion => ({ slug: thing.slug, name: thing.name });

/** How many names of the table an orientation places without asking anyone: the better reading has more. */
function placedCount(mapped: MappedTable): number {
  return (
    mapped.columns.filter((c) => c.matchedBy !== 'created').length +
    mapped.rows.filter((r) => r.matchedBy !== 'created').length
  );
}

export function mapTable(table: ParsedTable, catalog: Catalog, options: MapOptions): MappedTable {
  const asColumns = mapOriented(table, catalog, options, 'meshes as columns');
  const transposed = transposeTable(table);
  if (transposed.rows.length === 0) return asColumns;
  const asRows = mapOriented(transposed, catalog, options, 'meshes as rows');
  return placedCount(asRows) > placedCount(asColumns) ? asRows : asColumns;
}

function mapOriented(table: ParsedTable, catalog: Catalog, options: MapOptions, orientation: Orientation): MappedTable {
  const result: MappedTable = {
    orientation,
    columns: [],
    unplacedColumns: [],
    rows: [],
    unplacedRows: [],
    categories: [],
    newMeshes: [],
    newCategories: [],
    newFeatures: [],
    cells: [],
    emptyCells: 0,
    problems: [],
    notes: [],
  };
  const { problems, notes } = result;
  const matcher = new Matcher(catalog);
  // Headings come from the table: "constructor" must find no choice, not Object.prototype's function.
  const columnChoices = new Map(Object.entries(options.choices?.columns ?? {}));
  const rowChoices = new Map(Object.entries(options.choices?.rows ?? {}));
  const createUnknown = options.choices?.createUnknown ?? false;
  const skipUnknown = options.choices?.skipUnknown ?? false;
  const unplacedStatus = (suggestions: Suggestion[]): UnplacedName['status'] =>
    skipUnknown ? 'skipped' : suggestions.length ? 'suggested' : 'unknown';
  let nextId = -1;
  const meshSlugs = new Set(catalog.meshes.flatMap((m) => [m.slug, ...m.formerNames.map((f) => f.slug)]));
  const featureSlugs = new Set(catalog.features.map((f) => f.slug));
  const categorySlugs = new Set(catalog.categories.map((c) => c.slug));

  if (orientation === 'meshes as rows')
    notes.push('The table lists meshes as rows and features as columns; it was read turned round.');
  for (const note of table.footnoteNotes ?? []) notes.push(`Footnote: ${note}`);

  const candidates = table.rows.filter((r) => !r.category).slice(0, HEADER_CANDIDATES);
  const knownIn = (row: TableRow) =>
    row.cells.filter((cell, column) => {
      if (column === 0) return false;
      const heading = headingOf(cell);
      if (!heading) return false;
      const choice = columnChoices.get(heading);
      if (choice) return choice.action !== 'skip';
      const match = matcher.mesh(heading);
      return !!match && 'mesh' in match;
    }).length;
  // On a tie the row nearest the values wins: a row of logos (alt text "istio", "linkerd") sits above the names.
  const best = candidates.reduce<TableRow | null>(
    (top, row) => (!top || knownIn(row) >= knownIn(top) ? row : top),
    null,
  );
  const header = best && knownIn(best) > 0 ? best : (candidates.find((r) => r.header) ?? candidates[0] ?? null);
  if (!header) {
    problems.push({ line: table.line, message: 'the table has no rows' });
    return result;
  }
  const headerIndex = table.rows.indexOf(header);
  for (const row of table.rows.slice(0, headerIndex)) {
    if (!row.category && row.cells.some((c) => c.text))
      notes.push(`line ${row.line}: row above the mesh names, ignored`);
  }
  const body = table.rows.slice(headerIndex + 1);

  const versionRows = body.filter((row) => !row.category && versionRowNames.has(nameKey(headingOf(row.cells[0]))));
  for (const extra of versionRows.slice(1)) {
    problems.push({
      line: extra.line,
      message: `line ${extra.line}: a second version row (the first is on line ${versionRows[0]!.line}); keep one`,
    });
  }
  const versionRow: TableRow | undefined = versionRows[0];

  const targets = new Map<string, MappedColumn>();
  for (let column = 1; column < table.width; column++) {
    const heading = headingOf(header.cells[column]);
    const where = `${columnName(column)} (line ${header.line})`;
    if (!heading) {
      if (body.some((row) => !row.category && row.cells[column]?.text))
        problems.push({ line: header.line, message: `${where} has values but no mesh name` });
      continue;
    }
    const unplaced = (status: UnplacedColumn['status'], reason: string, suggestions: Suggestion[] = []) =>
      result.unplacedColumns.push({ column, line: header.line, heading, status, reason, suggestions });

    let mesh: CatalogMesh | null = null;
    let headingLabel: string | null = null;
    let matchedBy: MatchedBy = 'name';
    const choice = columnChoices.get(heading);
    const match = matcher.mesh(heading);
    if (choice?.action === 'skip') {
      unplaced('skipped', 'skipped by choice');
      continue;
    } else if (choice?.action === 'map') {
      mesh = catalog.meshes.find((m) => m.slug === choice.slug) ?? null;
      if (!mesh) {
        problems.push({
          line: header.line,
          message: `${where} ${quote(heading)} is to be mapped to "${choice.slug}", which is not a mesh`,
        });
        continue;
      }
      matchedBy = 'choice';
      headingLabel =
        match && 'mesh' in match && match.mesh.id === mesh.id
          ? match.label
          : (splitTrailingVersion(readHeading(heading).name)?.label ?? null);
    } else if (match && 'mesh' in match) {
      mesh = match.mesh;
      headingLabel = match.label;
      matchedBy = Matcher.matchedBy(heading, [
        mesh.slug,
        mesh.name,
        ...mesh.formerNames.flatMap((f) => [f.slug, f.name]),
      ]);
    } else if (choice?.action === 'create' || createUnknown) {
      const name = readHeading(heading).name || heading;
      mesh = {
        id: nextId--,
        slug: freeSlug(name, meshSlugs, 'mesh'),
        name,
        formerNames: [],
        aliases: [],
        versions: [],
      };
      result.newMeshes.push(mesh);
      matchedBy = 'created';
    } else if (match) {
      unplaced(
        skipUnknown ? 'skipped' : 'unknown',
        `matches several meshes (${match.ambiguous.map((m) => m.name).join(', ')})`,
        match.ambiguous.map(asSuggestion),
      );
      continue;
    } else {
      const suggestions = matcher.meshIndex.suggest(heading).map(asSuggestion);
      unplaced(
        unplacedStatus(suggestions),
        suggestions.length ? 'no mesh of this name; closest shown' : 'no mesh of this name',
        suggestions,
      );
      continue;
    }

    let label: string | null = null;
    let releaseFrom: ReleaseOrigin = 'newest release';
    const versionText = versionRow?.cells[column]?.text ?? '';
    if (versionText && !noRelease.test(versionText)) {
      label = versionText;
      releaseFrom = 'version row';
    } else if (versionText) {
      notes.push(
        `line ${versionRow!.line}: ${mesh.name} release ${quote(versionText)} names no release; its values go to the newest release`,
      );
    }
    if (!label && headingLabel) {
      label = headingLabel;
      releaseFrom = 'heading';
    }
    let version: CatalogVersion | null;
    if (label) {
      version = findRelease(mesh, label) ?? null;
      if (!version) {
        label = label.replace(/^v(?=\d)/i, '');
        const valid = releaseLabelSchema.safeParse(label);
        if (!valid.success) {
          const line = releaseFrom === 'version row' ? versionRow!.line : header.line;
          problems.push({
            line,
            message: `line ${line}, ${columnName(column)}: ${quote(label)} is not a release label for ${mesh.name} (a label ${valid.error.issues[0]!.message})`,
          });
          continue;
        }
        label = valid.data;
      }
    } else {
      // The release current at the table's date, not today's newest: an old table says nothing about a later release.
      const placed = placeUnnamedValue(mesh.versions, (v) => v, options.date);
      if ('create' in placed || !placed.inferred) {
        // No release known then: the table's date labels it, never an invented number.
        version = 'create' in placed ? null : placed.release;
        label = 'create' in placed ? placed.create : placed.release.label;
        releaseFrom = 'table date';
      } else version = placed.release;
    }
    const mapped: MappedColumn = {
      column,
      line: header.line,
      heading,
      status: matchedBy === 'created' ? 'created' : 'mapped',
      matchedBy,
      mesh,
      label: version?.label ?? label!,
      version,
      releaseFrom,
    };
    const key = `${mesh.id}@${mapped.label.toLowerCase()}`;
    const earlier = targets.get(key);
    if (earlier) {
      problems.push({
        line: header.line,
        message: `${columnName(earlier.column)} and ${columnName(column)} both import into ${mesh.name} ${mapped.label}`,
      });
      continue;
    }
    targets.set(key, mapped);
    result.columns.push(mapped);
  }

  const seenFeatures = new Map<number, MappedRow>();
  let tableCategory: { line: number; heading: string } | null = null;
  // A table that repeats its header row per category names the first category in the header's corner cell.
  const corner = headingOf(header.cells[0]);
  if (corner && body.some((r) => r.category) && !genericCorner.has(nameKey(corner))) {
    tableCategory = { line: header.line, heading: corner };
    result.categories.push(tableCategory);
  }
  let lastPlacedCategoryId: number | null = null;
  // The category a table heading stands for: one of ours by name, else the one holding the rows under it we already have.
  const knownCategoryUnder = new Map<string, number>();
  let under: string | null = null;
  for (const row of body) {
    if (row.category) under = headingOf(row.cells[0]);
    else if (under !== null && !knownCategoryUnder.has(under)) {
      const match = matcher.feature(headingOf(row.cells[0]));
      if (match && 'found' in match) knownCategoryUnder.set(under, match.found.categoryId);
    }
  }
  const categoryFor = (): number => {
    if (tableCategory) {
      const found = matcher.categoryIndex.find(tableCategory.heading);
      if (found && 'found' in found) return found.found.id;
      const known = knownCategoryUnder.get(tableCategory.heading);
      if (known !== undefined) return known;
      const created = result.newCategories.find((c) => nameKey(c.name) === nameKey(tableCategory!.heading));
      if (created) return created.id;
      const category: CatalogCategory = {
        id: nextId--,
        slug: freeSlug(tableCategory.heading, categorySlugs, 'imported'),
        name: tableCategory.heading,
        status: 'active',
      };
      result.newCategories.push(category);
      return category.id;
    }
    return (
      lastPlacedCategoryId ??
      catalog.categories.filter((c) => c.status === 'active').at(-1)?.id ??
      catalog.categories.at(-1)!.id
    );
  };
  const kindOf = (row: TableRow): 'support' | 'text' => {
    let worded = 0;
    let guessed = 0;
    for (const column of result.columns) {
      const value = row.cells[column.column]
        ? readCell(row.cells[column.column]!.text, 'support', table.footnotes)
        : null;
      if (value?.guessed) guessed++;
      else if (value) worded++;
    }
    return worded > 0 && worded >= guessed ? 'support' : 'text';
  };

  for (const row of body) {
    // The header repeated further down (one per category, with no name in its corner) holds the mesh names again, not values.
    if (versionRows.includes(row) || (row.header && !row.category)) continue;
    const first = row.cells[0];
    const heading = headingOf(first);
    if (row.category) {
      tableCategory = { line: row.line, heading };
      result.categories.push(tableCategory);
      continue;
    }
    const explanation = first?.explanation ?? null;
    const hasValues = row.cells.slice(1).some((c) => c.text);
    const unplaced = (status: UnplacedRow['status'], reason: string, suggestions: Suggestion[] = []) =>
      result.unplacedRows.push({
        line: row.line,
        heading,
        explanation,
        status,
        reason,
        suggestions,
        category: tableCategory?.heading ?? null,
      });
    if (!heading) {
      if (hasValues) unplaced('unknown', 'the row has no name');
      continue;
    }
    let feature: CatalogFeature | null = null;
    let matchedBy: MatchedBy = 'name';
    const choice = rowChoices.get(heading);
    const match = matcher.feature(heading);
    if (choice?.action === 'skip') {
      unplaced('skipped', 'skipped by choice');
      continue;
    } else if (choice?.action === 'map') {
      feature = catalog.features.find((f) => f.slug === choice.slug) ?? null;
      if (!feature) {
        problems.push({
          line: row.line,
          message: `line ${row.line}: ${quote(heading)} is to be mapped to "${choice.slug}", which is not a row`,
        });
        continue;
      }
      matchedBy = 'choice';
    } else if (match && 'found' in match) {
      feature = match.found;
      matchedBy = Matcher.matchedBy(heading, [feature.slug, feature.name]);
    } else if (choice?.action === 'create' || createUnknown) {
      const name = readHeading(heading).name || heading;
      feature = {
        id: nextId--,
        slug: freeSlug(name, featureSlugs, 'row'),
        name,
        kind: kindOf(row),
        status: 'active',
        categoryId: categoryFor(),
        aliases: [],
        definition:
          (explanation ?? '').slice(0, 500) || `As the table at ${options.sourceUrl} names it: ${name}.`.slice(0, 500),
      };
      result.newFeatures.push(feature);
      matchedBy = 'created';
    } else if (match) {
      unplaced(
        skipUnknown ? 'skipped' : 'unknown',
        `matches several rows (${match.ambiguous.map((f) => f.name).join(', ')})`,
        match.ambiguous.map(asSuggestion),
      );
      continue;
    } else {
      const suggestions = matcher.featureIndex
        .suggest(heading)
        .filter((f) => f.status === 'active')
        .map(asSuggestion);
      unplaced(
        unplacedStatus(suggestions),
        suggestions.length ? 'no row of this name; closest shown' : 'no row of this name',
        suggestions,
      );
      continue;
    }
    if (feature.status !== 'active') {
      unplaced('skipped', `the row "${feature.name}" is retired`);
      continue;
    }
    lastPlacedCategoryId = feature.categoryId;
    const earlier = seenFeatures.get(feature.id);
    if (earlier) {
      problems.push({
        line: row.line,
        message: `line ${row.line}: ${quote(heading)} is the row "${feature.name}" again (first on line ${earlier.line}); keep one`,
      });
      continue;
    }
    const mappedRow: MappedRow = {
      line: row.line,
      heading,
      explanation,
      status: matchedBy === 'created' ? 'created' : 'mapped',
      matchedBy,
      feature,
    };
    seenFeatures.set(feature.id, mappedRow);
    result.rows.push(mappedRow);
    for (const column of result.columns) {
      const cell = row.cells[column.column];
      const value = cell ? readValue(cell, feature.kind, table.footnotes) : null;
      if (!value) {
        result.emptyCells++;
        continue;
      }
      const where = `line ${row.line}, ${columnName(column.column)} (${feature.name}, ${column.mesh.name})`;
      if ((value.text?.length ?? 0) > MAX_TEXT)
        problems.push({ line: row.line, message: `${where}: the text is longer than ${MAX_TEXT} characters` });
      if ((value.note?.length ?? 0) > MAX_NOTE)
        problems.push({ line: row.line, message: `${where}: the note is longer than ${MAX_NOTE} characters` });
      result.cells.push({
        line: row.line,
        column,
        row: mappedRow,
        value,
        links: resolveLinks(cell!.links, options.sourceUrl),
      });
    }
  }
  return result;
}
