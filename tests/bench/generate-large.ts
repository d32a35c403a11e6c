import type Database from 'better-sqlite3';
import type { Connection } from '../../db/client';
import type { Source } from '../../db/schema';
import { SEED_VERSION } from '../../db/seed/version';

export interface GenerateOptions {
  meshes: number;
  rows: number;
  releases: number;
  revisions: number;
  pending: number;
  seed: number;
}

/** Inclusive bounds per option; the CLI names the flag when a value falls outside. */
export const GENERATE_LIMITS: Record<keyof GenerateOptions, readonly [number, number]> = {
  meshes: [1, 500],
  rows: [1, 5000],
  releases: [1, 100],
  revisions: [1, 10_000_000],
  pending: [0, 1_000_000],
  seed: [0, 4_294_967_295],
};

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
  meshes: 40,
  rows: 300,
  releases: 15,
  revisions: 1_000_000,
  pending: 2000,
  seed: 42,
};

export interface GenerateProgress {
  phase: 'setup' | 'plan' | 'revisions' | 'pending' | 'heads';
  done: number;
  total: number;
  elapsedMs: number;
  /** Rows per second over the phase so far, for `revisions`. */
  rate?: number;
  message?: string;
}

export interface GenerateCounts {
  meshes: number;
  archivedMeshes: number;
  meshAliases: number;
  releases: number;
  categories: number;
  features: number;
  textFeatures: number;
  retiredFeatures: number;
  users: number;
  accounts: number;
  cells: number;
  revisions: number;
  revisionsByKind: Record<'seed' | 'proposal' | 'revert' | 'carry_forward', number>;
  cellHeads: number;
  proposals: { approved: number; rejected: number; pending: number };
  auditEvents: number;
}

export interface GenerateResult {
  counts: GenerateCounts;
  elapsedMs: number;
}

export interface VerifyResult {
  ok: boolean;
  foreignKeyProblems: unknown[];
  integrity: string[];
  invariantProblems: string[];
}

const DAY = 86_400_000;
const T_START = Date.UTC(2018, 0, 1);
const T_END = Date.UTC(2025, 5, 30);

/** Small, fast, seedable PRNG (public domain); the whole data set derives from it, never from the clock. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One stream per phase, so e.g. a different --pending leaves the revisions untouched.
function stream(seed: number, phase: number): () => number {
  const rng = mulberry32((seed ^ Math.imul(phase + 1, 0x9e3779b9)) >>> 0);
  rng();
  return rng;
}

const int = (rng: () => number, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);
const kebab = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function shuffle<T>(rng: () => number, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = int(rng, i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

function uniqueSlug(base: string, used: Set<string>): string {
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}

const MESH_PREFIXES = [
  'Aster',
  'Beacon',
  'Cinder',
  'Delta',
  'Ember',
  'Fathom',
  'Garnet',
  'Harbor',
  'Iris',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Nimbus',
  'Onyx',
  'Prism',
  'Quarry',
  'Relay',
  'Summit',
  'Tidal',
  'Umbra',
  'Vector',
  'Willow',
  'Xenon',
  'Yarrow',
  'Zephyr',
  'Atlas',
  'Boreal',
  'Cobalt',
  'Drift',
  'Echo',
  'Flint',
  'Glacier',
  'Helix',
  'Indigo',
  'Jetty',
  'Keystone',
  'Lattice',
  'Mosaic',
  'Nova',
  'Orbit',
  'Pylon',
  'Quasar',
  'Ridge',
  'Sable',
  'Tangent',
  'Upland',
  'Vertex',
  'Wharf',
  'Zenith',
];
const MESH_SUFFIXES = ['Mesh', 'Link', 'Gate', 'Wire', 'Net', 'Proxy', 'Weave', 'Grid', 'Fabric', 'Bridge'];
const DATA_PLANES = ['Envoy', 'its own Rust proxy', 'its own Go proxy', 'NGINX', 'eBPF in the kernel', 'HAProxy'];
const FOCUSES = [
  'multi-cluster traffic',
  'zero-trust security',
  'operational simplicity',
  'observability',
  'VM and Kubernetes workloads',
  'low latency',
  'enterprise governance',
];

const CATEGORY_NAMES = [
  'General',
  'Traffic management',
  'Security',
  'Observability',
  'Resilience',
  'Multi-cluster',
  'Platform support',
  'Extensibility',
  'Operations',
  'Performance',
];
const QUALIFIERS = [
  'Automatic',
  'Per-route',
  'Cross-cluster',
  'Dynamic',
  'Declarative',
  'Layer 7',
  'Zero-trust',
  'Weighted',
  'Header-based',
  'Adaptive',
  'Native',
  'Pluggable',
  'Federated',
  'Incremental',
  'Policy-driven',
  'Sidecar-less',
  'Ambient',
  'Distributed',
  'Tenant-aware',
  'Locality-aware',
];
const TOPICS = [
  'mTLS',
  'retries',
  'timeouts',
  'circuit breaking',
  'traffic splitting',
  'fault injection',
  'tracing',
  'metrics',
  'access logs',
  'authorization',
  'rate limiting',
  'load balancing',
  'service discovery',
  'ingress',
  'egress',
  'canary releases',
  'WASM extensions',
  'health checks',
  'outlier detection',
  'TCP proxying',
  'gRPC support',
  'WebSocket support',
  'CNI integration',
  'multi-tenancy',
  'config validation',
  'dashboard',
  'CLI',
  'Helm charts',
  'upgrades',
  'VM workloads',
];
const SCOPES = [
  '',
  ' for VMs',
  ' at the edge',
  ' across clusters',
  ' per namespace',
  ' for TCP',
  ' for gRPC',
  ' via API',
  ' in Kubernetes',
];
const TEXT_VALUES = [
  'Built in',
  'Via plugin',
  'Envoy filters',
  'WebAssembly',
  'Lua scripts',
  'Kubernetes only',
  'Kubernetes and VMs',
  'Helm, CLI',
  'Operator',
  'Prometheus',
  'OpenTelemetry',
  'Jaeger, Zipkin',
  'Go',
  'Rust',
  'C++',
  'Apache-2.0',
  'MIT',
  'Per namespace',
  'Per workload',
  'Cluster-wide',
];
const NOTES = [
  'Beta.',
  'Alpha; behind a feature flag.',
  'Requires an add-on.',
  'Enterprise edition only.',
  'HTTP traffic only.',
  'Through the Envoy API.',
  'Configured per namespace.',
  'Needs a restart of the sidecars.',
  'Documented but untested.',
];
const RATIONALES = [
  'Checked against the release notes.',
  'The documentation for this release describes it.',
  'Confirmed in a test cluster.',
  'The changelog lists it as stable.',
  'A maintainer confirmed it in the linked issue.',
  'The old value predates the rewrite.',
];
const REJECT_REASONS = [
  'The linked page does not mention this.',
  'The source is about a different release.',
  'Duplicate of an earlier proposal.',
  'Needs a primary source, not a blog post.',
  'The value contradicts the release notes.',
];
const REVERT_REASONS = [
  'The previous source was misread.',
  'Vandalism.',
  'The change applied to a later release.',
  'Approved by mistake.',
];
const REVIEW_COMMENTS = ['Thanks!', 'Verified against the docs.', 'Good catch.'];
const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Chen',
  'Dara',
  'Eli',
  'Fatima',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kai',
  'Lena',
  'Mo',
  'Nia',
  'Oskar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tomas',
  'Uma',
  'Vik',
  'Wen',
  'Xavi',
  'Yara',
  'Zoe',
  'Aiko',
  'Bruno',
  'Cleo',
  'Dev',
];
const LAST_NAMES = [
  'Abe',
  'Berg',
  'Costa',
  'Diaz',
  'Eze',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kim',
  'Lopez',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quist',
  'Rossi',
  'Singh',
  'Tanaka',
  'Umar',
  'Varga',
  'Wong',
  'Xu',
  'Yilmaz',
  'Zhang',
  'Alves',
  'Brandt',
  'Cohen',
  'Dubois',
];

const SUPPORT = ['yes', 'partial', 'no', 'unknown'] as const;
const NO_SUPPORT = 255;
const KIND = { seed: 0, proposal: 1, revert: 2, carry_forward: 3 } as const;
const KIND_NAMES = ['seed', 'proposal', 'revert', 'carry_forward'] as const;

function randomSupport(rng: () => number, not: number): number {
  for (;;) {
    const r = rng();
    const s = r < 0.45 ? 0 : r < 0.65 ? 1 : r < 0.9 ? 2 : 3;
    if (s !== not) return s;
  }
}

export function validateGenerateOptions(options: GenerateOptions): void {
  for (const key of Object.keys(GENERATE_LIMITS) as (keyof GenerateOptions)[]) {
    const [min, max] = GENERATE_LIMITS[key];
    const value = options[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${key} must be a whole number from ${min} to ${max} (got ${value})`);
    }
  }
}

function count(sqlite: Database.Database, sql: string): number {
  return (sqlite.prepare(sql).get() as { n: number }).n;
}

/**
 * Fills a freshly migrated, empty database with a deterministic scale data
 * set. Everything (timestamps included) derives from `options.seed`.
 * Revisions and heads are written with prepared statements instead of
 * appendRevision for speed; verifyGeneratedDatabase checks the invariants
 * appendRevision would have kept.
 */
export function generateLargeDatabase(
  conn: Connection,
  options: GenerateOptions,
  onProgress?: (progress: GenerateProgress) => void,
): GenerateResult {
  validateGenerateOptions(options);
  const sqlite = conn.sqlite;
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const report = (p: Omit<GenerateProgress, 'elapsedMs'>) => onProgress?.({ ...p, elapsedMs: elapsed() });

  const occupied = count(
    sqlite,
    'SELECT (SELECT count(*) FROM meshes) + (SELECT count(*) FROM users) + (SELECT count(*) FROM revisions) + (SELECT count(*) FROM features) AS n',
  );
  if (occupied > 0) throw new Error(`${conn.path} already holds data; the generator only fills an empty database`);

  // Foreign keys are verified once at the end (verifyGeneratedDatabase); checking
  // them per row would only slow the bulk load.
  const saved = {
    synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
    cache: Number(sqlite.pragma('cache_size', { simple: true })),
    tempStore: Number(sqlite.pragma('temp_store', { simple: true })),
  };
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');
  try {
    const counts = sqlite.transaction(() => fill(sqlite, options, report))();
    return { counts, elapsedMs: elapsed() };
  } finally {
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`cache_size = ${saved.cache}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${saved.synchronous}`);
    sqlite.pragma(`temp_store = ${saved.tempStore}`);
  }
}

type Report = (p: Omit<GenerateProgress, 'elapsedMs'>) => void;

/** Everything about meshes, releases, rows and users that the revision phase needs. */
interface Catalog {
  meshSlug: string[];
  meshName: string[];
  archived: Uint8Array;
  meshEnd: Float64Array;
  releaseTime: Float64Array;
  releaseLabel: string[];
  featureSlug: string[];
  featureName: string[];
  isText: Uint8Array;
  retired: Uint8Array;
  featureEnd: Float64Array;
  moderatorId: (rng: () => number) => number;
  contributorId: (rng: () => number) => number;
  randomContributorId: (rng: () => number) => number;
}

interface Plan {
  /** Cells that get values, as `releaseIndex * rows + featureIndex`, ascending. */
  keys: Uint32Array;
  validCells: number;
  /** Index into `keys` of the same row in the previous release of the mesh, or -1. */
  prevCell: Int32Array;
  carryPlanned: Uint8Array;
  evCell: Uint32Array;
  evTime: Float64Array;
  /** Event indexes in time order. */
  order: Uint32Array;
}

/** Per cell: its head and the value before it (what a revert restores). */
interface CellState {
  headId: Uint32Array;
  headTime: Float64Array;
  headKind: Uint8Array;
  headCarried: Uint32Array;
  headSupport: Uint8Array;
  headText: (string | null)[];
  headNote: (string | null)[];
  headSources: string[];
  prevId: Uint32Array;
  prevCarried: Uint32Array;
  prevSupport: Uint8Array;
  prevText: (string | null)[];
  prevNote: (string | null)[];
  prevSources: string[];
  revCount: Uint32Array;
}

function fill(sqlite: Database.Database, options: GenerateOptions, report: Report): GenerateCounts {
  const { catalog, counts } = writeCatalog(sqlite, options);
  report({
    phase: 'setup',
    done: 1,
    total: 1,
    message: `${counts.meshes} meshes, ${counts.releases} releases, ${counts.features} rows, ${counts.users} users`,
  });
  const plan = planRevisions(catalog, options);
  report({
    phase: 'plan',
    done: 1,
    total: 1,
    message: `${plan.keys.length} cells with values (of ${plan.validCells} possible), events ordered`,
  });
  const written = writeRevisions(sqlite, catalog, plan, options, report);
  const pendingAudits = writePending(sqlite, catalog, plan, written.state, options);
  report({ phase: 'pending', done: options.pending, total: options.pending });

  const insertHead = sqlite.prepare(
    'INSERT INTO cell_heads (mesh_version_id, feature_id, revision_id, updated_at) VALUES (?, ?, ?, ?)',
  );
  const F = options.rows;
  for (let c = 0; c < plan.keys.length; c++) {
    const f = plan.keys[c]! % F;
    insertHead.run((plan.keys[c]! - f) / F + 1, f + 1, written.state.headId[c], iso(written.state.headTime[c]!));
  }
  report({ phase: 'heads', done: plan.keys.length, total: plan.keys.length });

  sqlite.prepare("INSERT INTO meta (key, value) VALUES ('generator', ?)").run(JSON.stringify(options));
  // Marks the file as seeded so that prepareDatabase at app start does not mix the
  // curated data set into the generated one.
  sqlite.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('seed_version', ?)").run(SEED_VERSION);

  return {
    ...counts,
    cells: plan.keys.length,
    revisions: options.revisions,
    revisionsByKind: written.byKind,
    cellHeads: plan.keys.length,
    proposals: { approved: written.approved, rejected: written.rejected, pending: options.pending },
    auditEvents: written.audits + pendingAudits,
  };
}

type CatalogCounts = Omit<
  GenerateCounts,
  'cells' | 'revisions' | 'revisionsByKind' | 'cellHeads' | 'proposals' | 'auditEvents'
>;

function writeCatalog(
  sqlite: Database.Database,
  options: GenerateOptions,
): { catalog: Catalog; counts: CatalogCounts } {
  const { meshes: M, rows: F, releases: R, revisions: N, pending: P, seed } = options;
  const V = M * R;

  // ---- meshes
  const meshRng = stream(seed, 1);
  const combos: [string, string][] = [];
  for (const p of MESH_PREFIXES) for (const s of MESH_SUFFIXES) combos.push([p, s]);
  shuffle(meshRng, combos);
  const usedMeshSlugs = new Set<string>();
  const meshSlug: string[] = [];
  const meshName: string[] = [];
  const meshPrefix: string[] = [];
  for (let m = 0; m < M; m++) {
    const [prefix, suffix] = combos[m % combos.length]!;
    const name = m < combos.length ? `${prefix} ${suffix}` : `${prefix} ${suffix} ${Math.floor(m / combos.length) + 1}`;
    meshName.push(name);
    meshPrefix.push(prefix);
    meshSlug.push(uniqueSlug(kebab(name), usedMeshSlugs));
  }
  const archived = new Uint8Array(M);
  const archivedCount = Math.min(M - 1, Math.round(M * 0.1));
  for (const m of shuffle(meshRng, [...Array(M).keys()]).slice(0, archivedCount)) archived[m] = 1;
  const aliasTarget = M >= 3 ? Math.max(1, Math.round(M * 0.08)) : 0;
  const aliasFor = new Set(shuffle(meshRng, [...Array(M).keys()]).slice(0, aliasTarget));
  const meshStart = new Float64Array(M);
  const meshEnd = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    meshStart[m] = Math.round(T_START + meshRng() * 730 * DAY);
    meshEnd[m] = archived[m]
      ? Math.round(meshStart[m]! + 365 * DAY + meshRng() * Math.max(0, T_END - 180 * DAY - meshStart[m]! - 365 * DAY))
      : T_END;
  }

  // ---- releases: labels increase, creation times spread over the mesh's life in label order
  const releaseRng = stream(seed, 3);
  const releaseTime = new Float64Array(V);
  const releaseLabel: string[] = [];
  const releasedOn: (string | null)[] = [];
  for (let m = 0; m < M; m++) {
    const span = (meshEnd[m]! - meshStart[m]!) * 0.92;
    let major = releaseRng() < 0.75 ? 1 : 0;
    let minor = major === 0 ? 1 + int(releaseRng, 9) : 0;
    for (let k = 0; k < R; k++) {
      const v = m * R + k;
      if (k > 0) {
        if (releaseRng() < 0.07) {
          major++;
          minor = 0;
        } else minor++;
      }
      releaseLabel[v] = `${major}.${minor}`;
      releaseTime[v] = Math.round(meshStart[m]! + (span * (k + 0.2 * releaseRng())) / R);
      // Dated releases stay in label order: the offset is below the gap between releases.
      releasedOn[v] =
        releaseRng() < 0.65 ? day(releaseTime[v]! - releaseRng() * Math.min(20 * DAY, (0.25 * span) / R)) : null;
    }
  }

  // ---- users: one admin, a few moderators, contributors (enough to spread the pending queue)
  const userRng = stream(seed, 4);
  const contributors = Math.min(20_000, Math.max(20, Math.round(N / 2500))) + Math.ceil(P / 15);
  const moderators = Math.min(60, Math.max(3, Math.round(contributors / 60)));
  const userCount = 1 + moderators + contributors;
  const firstContributor = 2 + moderators;
  const insertUser = sqlite.prepare(
    'INSERT INTO users (id, name, email, image, role, banned, ban_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAccount = sqlite.prepare(
    'INSERT INTO accounts (user_id, type, provider, provider_account_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  for (let id = 1; id <= userCount; id++) {
    const role = id === 1 ? 'admin' : id < firstContributor ? 'moderator' : 'contributor';
    const first = pick(userRng, FIRST_NAMES);
    const last = pick(userRng, LAST_NAMES);
    const createdAt = iso(Math.round(T_START - userRng() * 60 * DAY));
    const banned = role === 'contributor' && userRng() < 0.01;
    insertUser.run(
      id,
      `${first} ${last}`,
      `${first}.${last}.${id}@example.org`.toLowerCase(),
      null,
      role,
      banned ? 1 : 0,
      banned ? 'Spam proposals.' : null,
      createdAt,
    );
    const r = userRng();
    if (r < 0.9) insertAccount.run(id, 'oauth', 'github', String(100_000 + id), createdAt);
    if (r >= 0.85) insertAccount.run(id, 'oauth', 'oidc', `sub-${id}`, createdAt);
  }

  const insertMesh = sqlite.prepare(
    'INSERT INTO meshes (id, slug, name, homepage, repository, description, status, status_note, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAlias = sqlite.prepare('INSERT INTO mesh_aliases (mesh_id, slug, name, created_at) VALUES (?, ?, ?, ?)');
  const insertVersion = sqlite.prepare(
    'INSERT INTO mesh_versions (id, mesh_id, label, released_on, release_notes_url, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const moderatorId = (rng: () => number) => 1 + int(rng, moderators + 1);
  let aliasCount = 0;
  const usedAliasSlugs = new Set<string>();
  for (let m = 0; m < M; m++) {
    insertMesh.run(
      m + 1,
      meshSlug[m],
      meshName[m],
      `https://${meshSlug[m]}.example.org`,
      `https://example.org/git/${meshSlug[m]}`,
      `${meshName[m]} is a service mesh built on ${pick(meshRng, DATA_PLANES)}, focused on ${pick(meshRng, FOCUSES)}.`,
      archived[m] ? 'archived' : 'active',
      archived[m] ? `Archived upstream in ${day(meshEnd[m]!).slice(0, 7)}; values are no longer checked.` : null,
      m + 1,
      iso(meshStart[m]!),
      iso(archived[m] ? meshEnd[m]! : releaseTime[m * R + R - 1]!),
    );
    if (aliasFor.has(m)) {
      const name = `Project ${meshPrefix[m]}`;
      const slug = kebab(name);
      // A former slug that is also a live mesh slug would never redirect.
      if (!usedMeshSlugs.has(slug) && !usedAliasSlugs.has(slug)) {
        usedAliasSlugs.add(slug);
        insertAlias.run(m + 1, slug, name, iso(meshStart[m]! + Math.round(meshRng() * (meshEnd[m]! - meshStart[m]!))));
        aliasCount++;
      }
    }
    for (let k = 0; k < R; k++) {
      const v = m * R + k;
      insertVersion.run(
        v + 1,
        m + 1,
        releaseLabel[v],
        releasedOn[v],
        releasedOn[v] ? `https://example.org/${meshSlug[m]}/releases/${releaseLabel[v]}` : null,
        releaseRng() < 0.5 ? moderatorId(releaseRng) : null,
        iso(releaseTime[v]!),
      );
    }
  }

  // ---- categories and rows
  const taxRng = stream(seed, 2);
  const insertCategory = sqlite.prepare(
    'INSERT INTO categories (id, slug, name, position, status, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertFeature = sqlite.prepare(
    'INSERT INTO features (id, category_id, slug, name, definition, reference_url, kind, position, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const C = Math.min(CATEGORY_NAMES.length, F);
  for (let c = 0; c < C; c++)
    insertCategory.run(c + 1, kebab(CATEGORY_NAMES[c]!), CATEGORY_NAMES[c], c + 1, 'active', iso(T_START - 90 * DAY));
  const names: string[] = [];
  for (const q of QUALIFIERS) for (const t of TOPICS) for (const s of SCOPES) names.push(`${q} ${t}${s}`);
  shuffle(taxRng, names);
  const featureSlug: string[] = [];
  const featureName: string[] = [];
  const isText = new Uint8Array(F);
  const retired = new Uint8Array(F);
  const featureEnd = new Float64Array(F).fill(T_END);
  const retiredCount = F >= 10 ? Math.max(1, Math.round(F * 0.03)) : 0;
  for (const f of shuffle(taxRng, [...Array(F).keys()]).slice(0, retiredCount)) {
    retired[f] = 1;
    featureEnd[f] = Math.round(T_START + 730 * DAY + taxRng() * (T_END - 180 * DAY - T_START - 730 * DAY));
  }
  const usedFeatureSlugs = new Set<string>();
  const positions = new Array<number>(C).fill(0);
  let textCount = 0;
  for (let f = 0; f < F; f++) {
    const name = f < names.length ? names[f]! : `${names[f % names.length]} ${Math.floor(f / names.length) + 1}`;
    const category = f < C ? f : int(taxRng, C);
    isText[f] = taxRng() < 0.15 ? 1 : 0;
    textCount += isText[f]!;
    featureName.push(name);
    featureSlug.push(uniqueSlug(kebab(name), usedFeatureSlugs));
    insertFeature.run(
      f + 1,
      category + 1,
      featureSlug[f],
      name,
      isText[f]
        ? `What the mesh offers for ${name}, in the words of its own documentation.`
        : `Supported when ${name} works out of the box; partial when it needs extra components or is not yet stable.`,
      taxRng() < 0.4 ? `https://example.org/glossary/${featureSlug[f]}` : null,
      isText[f] ? 'text' : 'support',
      ++positions[category]!,
      retired[f] ? 'retired' : 'active',
      iso(T_START - 90 * DAY + Math.round(taxRng() * 30 * DAY)),
    );
  }

  return {
    catalog: {
      meshSlug,
      meshName,
      archived,
      meshEnd,
      releaseTime,
      releaseLabel,
      featureSlug,
      featureName,
      isText,
      retired,
      featureEnd,
      moderatorId,
      // Few people write most proposals.
      contributorId: (rng) => firstContributor + Math.floor(contributors * rng() ** 3),
      randomContributorId: (rng) => firstContributor + int(rng, contributors),
    },
    counts: {
      meshes: M,
      archivedMeshes: archivedCount,
      meshAliases: aliasCount,
      releases: V,
      categories: C,
      features: F,
      textFeatures: textCount,
      retiredFeatures: retiredCount,
      users: userCount,
      accounts: count(sqlite, 'SELECT count(*) AS n FROM accounts'),
    },
  };
}

/** Which cells get values, how many revisions each, and when: all decided before anything is written. */
function planRevisions(catalog: Catalog, options: GenerateOptions): Plan {
  const { rows: F, releases: R, revisions: N, seed } = options;
  const { releaseTime, retired, featureEnd, meshEnd } = catalog;
  const V = releaseTime.length;
  const rng = stream(seed, 5);
  const totalCells = V * F;
  // A row retired before a release was made never gets a value in it.
  const cellValid = (key: number) => {
    const f = key % F;
    return !retired[f] || releaseTime[(key - f) / F]! < featureEnd[f]! - DAY;
  };
  let validCells = 0;
  for (let f = 0; f < F; f++) {
    if (!retired[f]) validCells += V;
    else for (let v = 0; v < V; v++) if (releaseTime[v]! < featureEnd[f]! - DAY) validCells++;
  }
  const filledTarget = Math.min(validCells, Math.max(1, Math.ceil(N * 0.6)));
  let keys: Uint32Array;
  if (filledTarget * 2 >= validCells) {
    const all = new Uint32Array(validCells);
    let n = 0;
    for (let key = 0; key < totalCells; key++) if (cellValid(key)) all[n++] = key;
    if (filledTarget < validCells) {
      for (let i = 0; i < filledTarget; i++) {
        const j = i + int(rng, validCells - i);
        const tmp = all[i]!;
        all[i] = all[j]!;
        all[j] = tmp;
      }
    }
    keys = all.slice(0, filledTarget).sort();
  } else {
    // Sparse: sample instead of listing every possible cell (up to 250M of them).
    const chosen = new Set<number>();
    while (chosen.size < filledTarget) {
      const key = int(rng, totalCells);
      if (cellValid(key)) chosen.add(key);
    }
    keys = Uint32Array.from(chosen).sort();
  }
  const filled = keys.length;

  // Heavy-tailed weights: most cells get a revision or two, a few get long histories.
  const counts = new Uint32Array(filled).fill(1);
  const extra = N - filled;
  if (extra > 0) {
    const weights = new Float64Array(filled);
    let total = 0;
    for (let i = 0; i < filled; i++) {
      weights[i] = Math.min(1000, (1 - rng()) ** (-1 / 1.16));
      total += weights[i]!;
    }
    let assigned = 0;
    for (let i = 0; i < filled; i++) {
      const n = Math.floor((extra * weights[i]!) / total);
      counts[i]! += n;
      assigned += n;
    }
    let i = int(rng, filled);
    while (assigned < extra) {
      counts[i]!++;
      assigned++;
      i = (i + 1 + int(rng, 7)) % filled;
    }
    for (let j = 0; assigned > extra; j = (j + 1) % filled) {
      if (counts[j]! > 1) {
        counts[j]!--;
        assigned--;
      }
    }
  }

  // Event times per cell: strictly increasing, starting at the release (a carry
  // forward) or a little after it, crowding towards the start of the cell's life.
  const evCell = new Uint32Array(N);
  const evTime = new Float64Array(N);
  const carryPlanned = new Uint8Array(filled);
  const prevCell = new Int32Array(filled).fill(-1);
  let p = 0;
  for (let i = 0; i < filled; i++) {
    const key = keys[i]!;
    const f = key % F;
    const v = (key - f) / F;
    const k = v % R;
    if (k > 0) {
      const target = key - F;
      let lo = 0;
      let hi = i - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (keys[mid]! < target) lo = mid + 1;
        else hi = mid - 1;
      }
      if (keys[lo] === target) prevCell[i] = lo;
    }
    const t0 = releaseTime[v]!;
    const tEnd = Math.min(meshEnd[Math.floor(v / R)]!, featureEnd[f]!);
    const n = counts[i]!;
    carryPlanned[i] = k > 0 && rng() < 0.8 ? 1 : 0;
    let t = carryPlanned[i] ? t0 : Math.round(t0 + Math.min((tEnd - t0) * 0.3, -Math.log(1 - rng()) * 10 * DAY));
    evCell[p] = i;
    evTime[p] = t;
    if (n > 1) {
      const span = (tEnd - t) * (0.05 + 0.95 * rng() * rng());
      // Exponential gaps normalised by their sum: uniform order statistics over the span.
      let sum = 0;
      for (let j = 1; j < n; j++) {
        const gap = -Math.log(1 - rng());
        evTime[p + j] = gap;
        sum += gap;
      }
      sum += -Math.log(1 - rng());
      const base = t;
      let acc = 0;
      for (let j = 1; j < n; j++) {
        acc += evTime[p + j]!;
        t = Math.max(t + 1, Math.round(base + (span * acc) / sum));
        evCell[p + j] = i;
        evTime[p + j] = t;
      }
    }
    p += n;
  }
  const order = new Uint32Array(N);
  for (let i = 0; i < N; i++) order[i] = i;
  // Ties go to the lower event index: within a cell that is the earlier one, and an
  // older release's cell sorts before the cell carried forward from it.
  order.sort((a, b) => evTime[a]! - evTime[b]! || a - b);
  return { keys, validCells, prevCell, carryPlanned, evCell, evTime, order };
}

function newCellState(filled: number): CellState {
  return {
    headId: new Uint32Array(filled),
    headTime: new Float64Array(filled),
    headKind: new Uint8Array(filled),
    headCarried: new Uint32Array(filled),
    headSupport: new Uint8Array(filled).fill(NO_SUPPORT),
    headText: new Array<string | null>(filled).fill(null),
    headNote: new Array<string | null>(filled).fill(null),
    headSources: new Array<string>(filled).fill(''),
    prevId: new Uint32Array(filled),
    prevCarried: new Uint32Array(filled),
    prevSupport: new Uint8Array(filled).fill(NO_SUPPORT),
    prevText: new Array<string | null>(filled).fill(null),
    prevNote: new Array<string | null>(filled).fill(null),
    prevSources: new Array<string>(filled).fill(''),
    revCount: new Uint32Array(filled),
  };
}

const supportValue = (s: number) => (s === NO_SUPPORT ? null : SUPPORT[s]!);

function sourcesFor(rng: () => number, catalog: Catalog, m: number, v: number, f: number, year: string): string {
  const slug = catalog.meshSlug[m]!;
  const name = catalog.meshName[m]!;
  const label = catalog.releaseLabel[v]!;
  const feature = catalog.featureSlug[f]!;
  const r = rng();
  const n = r < 0.55 ? 1 : r < 0.85 ? 2 : 3;
  const first = int(rng, 4);
  const list: Source[] = [];
  for (let j = 0; j < n; j++) {
    switch ((first + j) % 4) {
      case 0:
        list.push({
          url: `https://example.org/${slug}/docs/${label}/${feature}`,
          title: `${name} ${label} docs: ${catalog.featureName[f]}`,
        });
        break;
      case 1:
        list.push({ url: `https://example.org/${slug}/releases/${label}`, title: `${name} ${label} release notes` });
        break;
      case 2:
        list.push({
          url: `https://blog.example.com/${year}/${slug}-${feature}`,
          title: `${catalog.featureName[f]} in ${name}`,
        });
        break;
      default: {
        const issue = 100 + int(rng, 20_000);
        list.push({
          url: `https://issues.example.net/${slug}/${issue}`,
          title: rng() < 0.3 ? null : `${name} issue #${issue}`,
        });
      }
    }
  }
  return JSON.stringify(list);
}

interface Value {
  support: number;
  text: string | null;
  note: string | null;
  sources: string;
}

/** A value different from the cell's head, as a proposal would bring. */
function newValue(
  rng: () => number,
  catalog: Catalog,
  state: CellState,
  c: number,
  v: number,
  f: number,
  createdAt: string,
  R: number,
): Value {
  let support = NO_SUPPORT;
  let text: string | null = null;
  let note: string | null;
  if (catalog.isText[f]) {
    text = pick(rng, TEXT_VALUES);
    if (text === state.headText[c]) text = TEXT_VALUES[(TEXT_VALUES.indexOf(text) + 1) % TEXT_VALUES.length]!;
    note = rng() < 0.1 ? pick(rng, NOTES) : null;
  } else {
    support = randomSupport(rng, state.headSupport[c]!);
    note = rng() < 0.2 ? pick(rng, NOTES) : null;
  }
  return { support, text, note, sources: sourcesFor(rng, catalog, Math.floor(v / R), v, f, createdAt.slice(0, 4)) };
}

/** Revisions, decided proposals and their audit events, in time order, so ids follow time as in a live database. */
function writeRevisions(
  sqlite: Database.Database,
  catalog: Catalog,
  plan: Plan,
  options: GenerateOptions,
  report: Report,
) {
  const { rows: F, releases: R, revisions: N, seed } = options;
  const { keys, prevCell, carryPlanned, evCell, evTime, order } = plan;
  const rng = stream(seed, 6);
  const insertRevision = sqlite.prepare(
    'INSERT INTO revisions (id, mesh_version_id, feature_id, support, text, note, sources, kind, author_id, approver_id, proposal_id, parent_revision_id, carried_from_revision_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertProposal = sqlite.prepare(
    'INSERT INTO proposals (id, mesh_version_id, feature_id, base_revision_id, support, text, note, sources, rationale, affiliated, status, author_id, reviewer_id, review_comment, result_revision_id, created_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAudit = sqlite.prepare(
    'INSERT INTO audit_events (actor_id, action, object_type, object_id, details, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const s = newCellState(keys.length);
  const byKind = { seed: 0, proposal: 0, revert: 0, carry_forward: 0 };
  let proposalId = 0;
  let approved = 0;
  let rejected = 0;
  let audits = 0;
  const cellRef = (v: number, f: number) =>
    `${catalog.meshSlug[Math.floor(v / R)]}@${catalog.releaseLabel[v]}/${catalog.featureSlug[f]}`;

  const step = Math.max(1, Math.ceil(N / 10));
  const started = performance.now();
  for (let j = 0; j < N; j++) {
    const e = order[j]!;
    const c = evCell[e]!;
    const t = evTime[e]!;
    const f = keys[c]! % F;
    const v = (keys[c]! - f) / F;
    const id = j + 1;
    const createdAt = iso(t);
    const parent = s.headId[c]!;
    let kind: number;
    let value: Value;
    let author: number | null = null;
    let approver: number | null = null;
    let linkedProposal: number | null = null;
    let carried = 0;
    let reason: string | null = null;

    if (parent !== 0 && rng() < 0.06) {
      // Someone proposed a different value meanwhile and a moderator turned it down.
      const from = s.headTime[c]!;
      const proposedAt = iso(Math.round(from + (t - from) * 0.2));
      const decidedAt = iso(Math.round(from + (t - from) * 0.6));
      const proposer = catalog.contributorId(rng);
      const reviewer = catalog.moderatorId(rng);
      const why = pick(rng, REJECT_REASONS);
      const declined = newValue(rng, catalog, s, c, v, f, createdAt, R);
      const pid = ++proposalId;
      const support = supportValue(declined.support);
      insertProposal.run(
        pid,
        v + 1,
        f + 1,
        parent,
        support,
        declined.text,
        declined.note,
        declined.sources,
        pick(rng, RATIONALES),
        0,
        'rejected',
        proposer,
        reviewer,
        why,
        null,
        proposedAt,
        decidedAt,
      );
      insertAudit.run(
        proposer,
        'proposal.create',
        'proposal',
        String(pid),
        JSON.stringify({ cell: cellRef(v, f), support, text: declined.text, affiliated: false }),
        proposedAt,
      );
      insertAudit.run(reviewer, 'proposal.reject', 'proposal', String(pid), JSON.stringify({ reason: why }), decidedAt);
      audits += 2;
      rejected++;
    }

    if (parent === 0) {
      const origin = prevCell[c]!;
      if (carryPlanned[c] && origin >= 0 && s.headId[origin]! > 0) {
        kind = KIND.carry_forward;
        value = {
          support: s.headSupport[origin]!,
          text: s.headText[origin]!,
          note: s.headNote[origin]!,
          sources: s.headSources[origin]!,
        };
        // Same rule as carryForwardCells: point at the release where the value was last checked.
        carried = s.headKind[origin] === KIND.carry_forward ? s.headCarried[origin]! : s.headId[origin]!;
      } else {
        kind = KIND.seed;
        value = newValue(rng, catalog, s, c, v, f, createdAt, R);
      }
    } else if (s.revCount[c]! >= 2 && rng() < 0.1) {
      kind = KIND.revert;
      value = { support: s.prevSupport[c]!, text: s.prevText[c]!, note: s.prevNote[c]!, sources: s.prevSources[c]! };
      carried = s.prevCarried[c]!;
      author = approver = catalog.moderatorId(rng);
      const why = pick(rng, REVERT_REASONS);
      reason = `Reverted to revision ${s.prevId[c]}: ${why}`;
      insertAudit.run(
        author,
        'cell.revert',
        'cell',
        cellRef(v, f),
        JSON.stringify({ toRevisionId: s.prevId[c], fromRevisionId: parent, newRevisionId: id, reason: why }),
        createdAt,
      );
      audits++;
    } else {
      kind = KIND.proposal;
      value = newValue(rng, catalog, s, c, v, f, createdAt, R);
      author = catalog.contributorId(rng);
      approver = catalog.moderatorId(rng);
      if (rng() < 0.4) linkedProposal = ++proposalId;
    }

    const support = supportValue(value.support);
    insertRevision.run(
      id,
      v + 1,
      f + 1,
      support,
      value.text,
      value.note,
      value.sources,
      KIND_NAMES[kind],
      author,
      approver,
      linkedProposal,
      parent || null,
      carried || null,
      reason,
      createdAt,
    );
    byKind[KIND_NAMES[kind]!]++;

    if (linkedProposal !== null) {
      const from = parent ? s.headTime[c]! + 1000 : catalog.releaseTime[v]!;
      const proposedAt = iso(Math.min(t, Math.max(from, Math.round(t - (1 + rng() * 335) * 3_600_000))));
      const affiliated = rng() < 0.05;
      const comment = rng() < 0.2 ? pick(rng, REVIEW_COMMENTS) : null;
      insertProposal.run(
        linkedProposal,
        v + 1,
        f + 1,
        parent || null,
        support,
        value.text,
        value.note,
        value.sources,
        pick(rng, RATIONALES),
        affiliated ? 1 : 0,
        'approved',
        author,
        approver,
        comment,
        id,
        proposedAt,
        createdAt,
      );
      insertAudit.run(
        author,
        'proposal.create',
        'proposal',
        String(linkedProposal),
        JSON.stringify({ cell: cellRef(v, f), support, text: value.text, affiliated }),
        proposedAt,
      );
      insertAudit.run(
        approver,
        'proposal.approve',
        'proposal',
        String(linkedProposal),
        JSON.stringify({ revisionId: id, overConflict: false, comment }),
        createdAt,
      );
      audits += 2;
      approved++;
    }

    s.prevId[c] = parent;
    s.prevCarried[c] = s.headCarried[c]!;
    s.prevSupport[c] = s.headSupport[c]!;
    s.prevText[c] = s.headText[c]!;
    s.prevNote[c] = s.headNote[c]!;
    s.prevSources[c] = s.headSources[c]!;
    s.headId[c] = id;
    s.headTime[c] = t;
    s.headKind[c] = kind;
    s.headCarried[c] = carried;
    s.headSupport[c] = value.support;
    s.headText[c] = value.text;
    s.headNote[c] = value.note;
    s.headSources[c] = value.sources;
    s.revCount[c]!++;

    if (id % step === 0 || id === N) {
      const seconds = (performance.now() - started) / 1000;
      report({ phase: 'revisions', done: id, total: N, rate: seconds > 0 ? id / seconds : 0 });
    }
  }
  return { state: s, byKind, approved, rejected, audits };
}

/** Open proposals, mostly on the newest release of active meshes, in creation order; returns the audit events written. */
function writePending(
  sqlite: Database.Database,
  catalog: Catalog,
  plan: Plan,
  s: CellState,
  options: GenerateOptions,
): number {
  const { rows: F, releases: R, pending: P, seed } = options;
  const { keys } = plan;
  const rng = stream(seed, 7);
  const firstId = (sqlite.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM proposals').get() as { n: number }).n;
  const newest: number[] = [];
  const open: number[] = [];
  for (let c = 0; c < keys.length; c++) {
    const f = keys[c]! % F;
    const v = (keys[c]! - f) / F;
    if (catalog.archived[Math.floor(v / R)] || catalog.retired[f]) continue;
    open.push(c);
    if (v % R === R - 1) newest.push(c);
  }
  if (open.length === 0) for (let c = 0; c < keys.length; c++) open.push(c);
  const perAuthor = new Map<number, number>();
  const rows: {
    c: number;
    base: number;
    at: number;
    author: number;
    value: Value;
    affiliated: boolean;
    rationale: string;
  }[] = [];
  for (let j = 0; j < P; j++) {
    const c = newest.length && rng() < 0.7 ? pick(rng, newest) : pick(rng, open);
    const f = keys[c]! % F;
    const v = (keys[c]! - f) / F;
    const stale = s.prevId[c]! > 0 && rng() < 0.1;
    const from = Math.max(s.headTime[c]! + 60_000, T_END - 120 * DAY);
    const at = Math.round(from + rng() * Math.max(0, T_END + 30 * DAY - from));
    // The app allows 20 pending proposals per author; keep to it where the user count allows.
    let author = catalog.contributorId(rng);
    for (let tries = 0; tries < 8 && (perAuthor.get(author) ?? 0) >= 20; tries++)
      author = catalog.randomContributorId(rng);
    perAuthor.set(author, (perAuthor.get(author) ?? 0) + 1);
    rows.push({
      c,
      base: stale ? s.prevId[c]! : s.headId[c]!,
      at,
      author,
      value: newValue(rng, catalog, s, c, v, f, iso(at), R),
      affiliated: rng() < 0.05,
      rationale: pick(rng, RATIONALES),
    });
  }
  rows.sort((a, b) => a.at - b.at);
  const insertProposal = sqlite.prepare(
    "INSERT INTO proposals (id, mesh_version_id, feature_id, base_revision_id, support, text, note, sources, rationale, affiliated, status, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
  );
  const insertAudit = sqlite.prepare(
    "INSERT INTO audit_events (actor_id, action, object_type, object_id, details, created_at) VALUES (?, 'proposal.create', 'proposal', ?, ?, ?)",
  );
  rows.forEach((row, i) => {
    const f = keys[row.c]! % F;
    const v = (keys[row.c]! - f) / F;
    const id = firstId + i;
    const at = iso(row.at);
    const support = supportValue(row.value.support);
    insertProposal.run(
      id,
      v + 1,
      f + 1,
      row.base,
      support,
      row.value.text,
      row.value.note,
      row.value.sources,
      row.rationale,
      row.affiliated ? 1 : 0,
      row.author,
      at,
    );
    const cell = `${catalog.meshSlug[Math.floor(v / R)]}@${catalog.releaseLabel[v]}/${catalog.featureSlug[f]}`;
    insertAudit.run(
      row.author,
      String(id),
      JSON.stringify({ cell, support, text: row.value.text, affiliated: row.affiliated }),
      at,
    );
  });
  return rows.length;
}

/**
 * Foreign keys, SQLite's own integrity check, and the cell invariants
 * appendRevision keeps in the app: heads at the newest revision, parents
 * chained, time non-decreasing per cell, sourced values, proposals tied to
 * exactly one revision.
 */
export function verifyGeneratedDatabase(sqlite: Database.Database): VerifyResult {
  const foreignKeyProblems = sqlite.pragma('foreign_key_check') as unknown[];
  const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const checks: [string, string][] = [
    [
      'cells whose head is missing or not their newest revision',
      `SELECT count(*) AS n FROM (SELECT mesh_version_id, feature_id, max(id) AS newest FROM revisions GROUP BY mesh_version_id, feature_id) c
         LEFT JOIN cell_heads h ON h.mesh_version_id = c.mesh_version_id AND h.feature_id = c.feature_id
         WHERE h.revision_id IS NOT c.newest`,
    ],
    [
      'cell heads pointing at a revision of another cell',
      'SELECT count(*) AS n FROM cell_heads h JOIN revisions r ON r.id = h.revision_id WHERE r.mesh_version_id <> h.mesh_version_id OR r.feature_id <> h.feature_id',
    ],
    [
      'revisions whose parent is not the previous revision of the cell, or older than it',
      `SELECT count(*) AS n FROM (
         SELECT parent_revision_id, created_at, lag(id) OVER w AS prev_id, lag(created_at) OVER w AS prev_at
         FROM revisions WINDOW w AS (PARTITION BY mesh_version_id, feature_id ORDER BY id)
       ) WHERE parent_revision_id IS NOT prev_id OR created_at < prev_at`,
    ],
    [
      'revisions without an http(s) source',
      `SELECT count(*) AS n FROM revisions r WHERE json_array_length(r.sources) = 0
         OR EXISTS (SELECT 1 FROM json_each(r.sources) s WHERE json_extract(s.value, '$.url') NOT LIKE 'http://_%' AND json_extract(s.value, '$.url') NOT LIKE 'https://_%')`,
    ],
    [
      'approved proposals whose result revision does not name them',
      "SELECT count(*) AS n FROM proposals p LEFT JOIN revisions r ON r.id = p.result_revision_id WHERE p.status = 'approved' AND r.proposal_id IS NOT p.id",
    ],
    [
      'revisions naming a proposal that did not produce them',
      "SELECT count(*) AS n FROM revisions r JOIN proposals p ON p.id = r.proposal_id WHERE p.status <> 'approved' OR p.result_revision_id IS NOT r.id",
    ],
    [
      'undecided proposals with a result revision',
      "SELECT count(*) AS n FROM proposals WHERE status <> 'approved' AND result_revision_id IS NOT NULL",
    ],
  ];
  const invariantProblems: string[] = [];
  for (const [what, sql] of checks) {
    const n = count(sqlite, sql);
    if (n > 0) invariantProblems.push(`${n} ${what}`);
  }
  const ok =
    foreignKeyProblems.length === 0 &&
    integrity.length === 1 &&
    integrity[0] === 'ok' &&
    invariantProblems.length === 0;
  return { ok, foreignKeyProblems, integrity, invariantProblems };
}
