import type { Queryable } from '../../db/client';
import { features, meshes } from '../../db/schema';
import type { ImportChoices } from '../rules/tables/map-table';
import { OperationError } from '../server/operations';

/** Flags both import commands take; `values` are the flags that need a value, `switches` those that take none. */
export interface ParsedFlags {
  positional: string[];
  values: Record<string, string>;
  maps: string[];
  switches: Set<string>;
}

export function parseFlags(argv: string[], spec: { values: string[]; switches: string[] }, usage: string): ParsedFlags {
  const flags: ParsedFlags = { positional: [], values: {}, maps: [], switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      flags.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (spec.switches.includes(name)) {
      if (eq >= 0) throw new OperationError(`--${name} takes no value`);
      if (flags.switches.has(name)) throw new OperationError(`--${name} is given more than once`);
      flags.switches.add(name);
      continue;
    }
    if (name !== 'map' && !spec.values.includes(name)) throw new OperationError(`unknown flag --${name} (${usage})`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new OperationError(`--${name} needs a value (${usage})`);
      i++;
    }
    if (name === 'map') flags.maps.push(value);
    else if (name in flags.values) throw new OperationError(`--${name} is given more than once`);
    else flags.values[name] = value;
  }
  if (flags.switches.has('create') && flags.switches.has('skip-unknown'))
    throw new OperationError('--create and --skip-unknown contradict each other; give one');
  return flags;
}

/**
 * `--map "Traefik Mesh (formerly Maesh)=traefik-mesh"`: the name as the table
 * writes it, then the slug of a mesh or a row. Checked against the database
 * before anything is imported, so a typo names the flag and writes nothing.
 */
export function choicesFromFlags(q: Queryable, flags: ParsedFlags): ImportChoices {
  const meshSlugs = new Set(
    q
      .select({ slug: meshes.slug })
      .from(meshes)
      .all()
      .map((m) => m.slug),
  );
  const featureSlugs = new Set(
    q
      .select({ slug: features.slug })
      .from(features)
      .all()
      .map((f) => f.slug),
  );
  const choices: Required<Pick<ImportChoices, 'columns' | 'rows'>> & ImportChoices = { columns: {}, rows: {} };
  for (const map of flags.maps) {
    const at = map.lastIndexOf('=');
    const name = at > 0 ? map.slice(0, at).trim() : '';
    const slug = at > 0 ? map.slice(at + 1).trim() : '';
    if (!name || !slug) throw new OperationError(`--map "${map}" must be "Name in the table=slug"`);
    if (name.length > 300)
      throw new OperationError(`--map "${map.slice(0, 40)}…": the name is longer than 300 characters`);
    if (!meshSlugs.has(slug) && !featureSlugs.has(slug))
      throw new OperationError(`--map "${map}": there is no mesh or row with the slug "${slug}"`);
    if (name in choices.columns || name in choices.rows)
      throw new OperationError(`--map names "${name}" more than once`);
    if (meshSlugs.has(slug)) choices.columns[name] = { action: 'map', slug };
    if (featureSlugs.has(slug)) choices.rows[name] = { action: 'map', slug };
  }
  if (flags.switches.has('create')) choices.createUnknown = true;
  if (flags.switches.has('skip-unknown')) choices.skipUnknown = true;
  return choices;
}
