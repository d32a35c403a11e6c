import type Database from 'better-sqlite3';
import type { Connection } from './client';
import { SEED_VERSION } from './seed';

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
  'Aster', 'Beacon', 'Cinder', 'Delta', 'Ember', 'Fathom', 'Garnet', 'Harbor', 'Iris', 'Juniper',
  'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Onyx', 'Prism', 'Quarry', 'Relay', 'Summit', 'Tidal',
  'Umbra', 'Vector', 'Willow', 'Xenon', 'Yarrow', 'Zephyr', 'Atlas', 'Boreal', 'Cobalt', 'Drift',
  'Echo', 'Flint', 'Glacier', 'Helix', 'Indigo', 'Jetty', 'Keystone', 'Lattice', 'Mosaic', 'Nova',
  'Orbit', 'Pylon', 'Quasar', 'Ridge', 'Sable', 'Tangent', 'Upland', 'Vertex', 'Wharf', 'Zenith',
];
const MESH_SUFFIXES = ['Mesh', 'Link', 'Gate', 'Wire', 'Net', 'Proxy', 'Weave', 'Grid', 'Fabric', 'Bridge'];
const DATA_PLANES = ['Envoy', 'its own Rust proxy', 'its own Go proxy', 'NGINX', 'eBPF in the kernel', 'HAProxy'];
const FOCUSES = ['multi-cluster traffic', 'zero-trust security', 'operational simplicity', 'observability', 'VM and Kubernetes workloads', 'low latency', 'enterprise governance'];

const CATEGORY_NAMES = ['General', 'Traffic management', 'Security', 'Observability', 'Resilience', 'Multi-cluster', 'Platform support', 'Extensibility', 'Operations', 'Performance'];
const QUALIFIERS = [
  'Automatic', 'Per-route', 'Cross-cluster', 'Dynamic', 'Declarative', 'Layer 7', 'Zero-trust', 'Weighted', 'Header-based', 'Adaptive',
  'Native', 'Pluggable', 'Federated', 'Incremental', 'Policy-driven', 'Sidecar-less', 'Ambient', 'Distributed', 'Tenant-aware', 'Locality-aware',
];
const TOPICS = [
  'mTLS', 'retries', 'timeouts', 'circuit breaking', 'traffic splitting', 'fault injection', 'tracing', 'metrics', 'access logs', 'authorization',
  'rate limiting', 'load balancing', 'service discovery', 'ingress', 'egress', 'canary releases', 'WASM extensions', 'health checks', 'outlier detection', 'TCP proxying',
  'gRPC support', 'WebSocket support', 'CNI integration', 'multi-tenancy', 'config validation', 'dashboard', 'CLI', 'Helm charts', 'upgrades', 'VM workloads',
];
const SCOPES = ['', ' for VMs', ' at the edge', ' across clusters', ' per namespace', ' for TCP', ' for gRPC', ' via API', ' in Kubernetes'];
const TEXT_VALUES = [
  'Built in', 'Via plugin', 'Envoy filters', 'WebAssembly', 'Lua scripts', 'Kubernetes only', 'Kubernetes and VMs', 'Helm, CLI', 'Operator', 'Prometheus',
  'OpenTelemetry', 'Jaeger, Zipkin', 'Go', 'Rust', 'C++', 'Apache-2.0', 'MIT', 'Per namespace', 'Per workload', 'Cluster-wide',
];
const NOTES = [
  'Beta.', 'Alpha; behind a feature flag.', 'Requires an add-on.', 'Enterprise edition only.', 'HTTP traffic only.',
  'Through the Envoy API.', 'Configured per namespace.', 'Needs a restart of the sidecars.', 'Documented but untested.',
];
const RATIONALES = [
  'Checked against the release notes.', 'The documentation for this release describes it.', 'Confirmed in a test cluster.',
  'The changelog lists it as stable.', 'A maintainer confirmed it in the linked issue.', 'The old value predates the rewrite.',
];
const REJECT_REASONS = [
  'The linked page does not mention this.', 'The source is about a different release.', 'Duplicate of an earlier proposal.',
  'Needs a primary source, not a blog post.', 'The value contradicts the release notes.',
];
const REVERT_REASONS = ['The previous source was misread.', 'Vandalism.', 'The change applied to a later release.', 'Approved by mistake.'];
const REVIEW_COMMENTS = ['Thanks!', 'Verified against the docs.', 'Good catch.'];
const FIRST_NAMES = [
  'Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lena', 'Mo', 'Nia', 'Oskar',
  'Priya', 'Quinn', 'Rosa', 'Sami', 'Tomas', 'Uma', 'Vik', 'Wen', 'Xavi', 'Yara', 'Zoe', 'Aiko', 'Bruno', 'Cleo', 'Dev',
];
const LAST_NAMES = [
  'Abe', 'Berg', 'Costa', 'Diaz', 'Eze', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kim', 'Lopez', 'Moreau', 'Nakamura', 'Okafor',
  'Petrov', 'Quist', 'Rossi', 'Singh', 'Tanaka', 'Umar', 'Varga', 'Wong', 'Xu', 'Yilmaz', 'Zhang', 'Alves', 'Brandt', 'Cohen', 'Dubois',
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

  const occupied = count(sqlite, 'SELECT (SELECT count(*) FROM meshes) + (SELECT count(*) FROM users) + (SELECT count(*) FROM revisions) + (SELECT count(*) FROM features) AS n');
  if (occupied > 0) throw new Error(`${conn.path} already holds data; the generator only fills an empty database`);

  // Foreign keys are verified once at the end (verifyGeneratedDatabase); checking
  // them per row would only slow the bulk load.
  const saved = {
    journal: String(sqlite.pragma('journal_mode', { simple: true })),
    synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
    cache: Number(sqlite.pragma('cache_size', { simple: true })),
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
    sqlite.pragma(`journal_mode = ${saved.journal.toLowerCase() === 'memory' ? 'WAL' : saved.journal}`);
    sqlite.pragma(`synchronous = ${saved.synchronous}`);
  }
}

function fill(sqlite: Database.Database, options: GenerateOptions, report: (p: Omit<GenerateProgress, 'elapsedMs'>) => void): GenerateCounts {
  const { meshes: M, rows: F, releases: R, revisions: N, pending: P, seed } = options;

  // ---- meshes and former names
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
  const V = M * R;
  const releaseTime = new Float64Array(V);
  const releaseLabel: string[] = [];
  const releasedOn: (string | null)[] = [];
  for (let m = 0; m < M; m++) {
    const span = (meshEnd[m]! - meshStart[m]!) * 0.92;
    let major = releaseRng() < 0.75 ? 1 : 0;
    let minor = 0;
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
      releasedOn[v] = releaseRng() < 0.65 ? day(releaseTime[v]! - releaseRng() * Math.min(20 * DAY, (0.25 * span) / R)) : null;
    }
  }

  // ---- users
  const userRng = stream(seed, 4);
  const contributors = Math.min(20_000, Math.max(20, Math.round(N / 2500))) + Math.ceil(P / 15);
  const moderators = Math.min(60, Math.max(3, Math.round(contributors / 60)));
  const userCount = 1 + moderators + contributors;
  const firstContributor = 2 + moderators;
  const moderatorId = (rng: () => number) => 1 + int(rng, moderators + 1);
  // Few people write most proposals.
  const contributorId = (rng: () => number) => firstContributor + Math.floor(contributors * rng() ** 3);

  const insertMesh = sqlite.prepare(
    'INSERT INTO meshes (id, slug, name, homepage, repository, description, status, status_note, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAlias = sqlite.prepare('INSERT INTO mesh_aliases (mesh_id, slug, name, created_at) VALUES (?, ?, ?, ?)');
  const insertVersion = sqlite.prepare(
    'INSERT INTO mesh_versions (id, mesh_id, label, released_on, release_notes_url, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertCategory = sqlite.prepare('INSERT INTO categories (id, slug, name, position, status, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertFeature = sqlite.prepare(
    'INSERT INTO features (id, category_id, slug, name, definition, reference_url, kind, position, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertUser = sqlite.prepare('INSERT INTO users (id, name, email, image, role, banned, ban_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertAccount = sqlite.prepare('INSERT INTO accounts (user_id, type, provider, provider_account_id, created_at) VALUES (?, ?, ?, ?, ?)');

  for (let id = 1; id <= userCount; id++) {
    const role = id === 1 ? 'admin' : id < firstContributor ? 'moderator' : 'contributor';
    const first = pick(userRng, FIRST_NAMES);
    const last = pick(userRng, LAST_NAMES);
    const createdAt = iso(Math.round(T_START - userRng() * 60 * DAY));
    const banned = role === 'contributor' && userRng() < 0.01;
    insertUser.run(id, `${first} ${last}`, `${first}.${last}.${id}@example.org`.toLowerCase(), null, role, banned ? 1 : 0, banned ? 'Spam proposals.' : null, createdAt);
    const r = userRng();
    if (r < 0.9) insertAccount.run(id, 'oauth', 'github', String(100_000 + id), createdAt);
    if (r >= 0.85) insertAccount.run(id, 'oauth', 'oidc', `sub-${id}`, createdAt);
  }

  let aliasCount = 0;
  const aliasTarget = M >= 3 ? Math.max(1, Math.round(M * 0.08)) : 0;
  const aliasFor = new Set(shuffle(meshRng, [...Array(M).keys()]).slice(0, aliasTarget));
  const usedAliasSlugs = new Set<string>();
  for (let m = 0; m < M; m++) {
    const versionsOfMesh = releaseTime.subarray(m * R, m * R + R);
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
      iso(archived[m] ? meshEnd[m]! : versionsOfMesh[R - 1]!),
    );
    if (aliasFor.has(m)) {
      const name = `Project ${meshPrefix[m]}`;
      const slug = kebab(name);
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
  const C = Math.min(CATEGORY_NAMES.length, F);
  for (let c = 0; c < C; c++) insertCategory.run(c + 1, kebab(CATEGORY_NAMES[c]!), CATEGORY_NAMES[c], c + 1, 'active', iso(T_START - 90 * DAY));
  const names: string[] = [];
  for (const q of QUALIFIERS) for (const t of TOPICS) for (const s of SCOPES) names.push(`${q} ${t}${s}`);
  shuffle(taxRng, names);
  const featureSlug: string[] = [];
  const featureName: string[] = [];
  const isText = new Uint8Array(F);
  const retired = new Uint8Array(F);
  const featureEnd = new Float64Array(F).fill(T_END);
  const retiredTarget = F >= 10 ? Math.max(1, Math.round(F * 0.03)) : 0;
  for (const f of shuffle(taxRng, [...Array(F).keys()]).slice(0, retiredTarget)) {
    retired[f] = 1;
    featureEnd[f] = Math.round(T_START + 730 * DAY + taxRng() * (T_END - 180 * DAY - T_START - 730 * DAY));
  }
  const usedFeatureSlugs = new Set<string>();
  const positions = new Array<number>(C).fill(0);
  for (let f = 0; f < F; f++) {
    const name = f < names.length ? names[f]! : `${names[f % names.length]} ${Math.floor(f / names.length) + 1}`;
    const category = f < C ? f : int(taxRng, C);
    isText[f] = taxRng() < 0.15 ? 1 : 0;
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
  report({ phase: 'setup', done: 1, total: 1, message: `${M} meshes, ${V} releases, ${F} rows, ${userCount} users` });

  // ---- plan: which cells get values and how many revisions each
  const planRng = stream(seed, 5);
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
        const j = i + int(planRng, validCells - i);
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
      const key = int(planRng, totalCells);
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
      weights[i] = Math.min(1000, (1 - planRng()) ** (-1 / 1.16));
      total += weights[i]!;
    }
    let assigned = 0;
    for (let i = 0; i < filled; i++) {
      const n = Math.floor((extra * weights[i]!) / total);
      counts[i]! += n;
      assigned += n;
    }
    let i = int(planRng, filled);
    while (assigned < extra) {
      counts[i]!++;
      assigned++;
      i = (i + 1 + int(planRng, 7)) % filled;
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
    const m = Math.floor(v / R);
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
    const tEnd = Math.min(meshEnd[m]!, featureEnd[f]!);
    const n = counts[i]!;
    carryPlanned[i] = k > 0 && planRng() < 0.8 ? 1 : 0;
    let t = carryPlanned[i] ? t0 : Math.round(t0 + Math.min((tEnd - t0) * 0.3, -Math.log(1 - planRng()) * 10 * DAY));
    evCell[p] = i;
    evTime[p] = t;
    if (n > 1) {
      const span = (tEnd - t) * (0.05 + 0.95 * planRng() * planRng());
      // Exponential gaps normalised by their sum: uniform order statistics over the span.
      let sum = 0;
      for (let j = 1; j < n; j++) {
        const gap = -Math.log(1 - planRng());
        evTime[p + j] = gap;
        sum += gap;
      }
      sum += -Math.log(1 - planRng());
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
  report({ phase: 'plan', done: 1, total: 1, message: `${filled} cells with values (of ${validCells} possible), events ordered` });

  // ---- revisions, decided proposals and their audit events, in time order
  const revRng = stream(seed, 6);
  const insertRevision = sqlite.prepare(
    'INSERT INTO revisions (id, mesh_version_id, feature_id, support, text, note, sources, kind, author_id, approver_id, proposal_id, parent_revision_id, carried_from_revision_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertProposal = sqlite.prepare(
    'INSERT INTO proposals (id, mesh_version_id, feature_id, base_revision_id, support, text, note, sources, rationale, affiliated, status, author_id, reviewer_id, review_comment, result_revision_id, created_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAudit = sqlite.prepare('INSERT INTO audit_events (actor_id, action, object_type, object_id, details, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertHead = sqlite.prepare('INSERT INTO cell_heads (mesh_version_id, feature_id, revision_id, updated_at) VALUES (?, ?, ?, ?)');

  const headId = new Uint32Array(filled);
  const headTime = new Float64Array(filled);
  const headKind = new Uint8Array(filled);
  const headCarried = new Uint32Array(filled);
  const headSupport = new Uint8Array(filled).fill(NO_SUPPORT);
  const headText: (string | null)[] = new Array(filled).fill(null);
  const headNote: (string | null)[] = new Array(filled).fill(null);
  const headSources: string[] = new Array(filled).fill('');
  const prevId = new Uint32Array(filled);
  const prevCarried = new Uint32Array(filled);
  const prevSupport = new Uint8Array(filled).fill(NO_SUPPORT);
  const prevText: (string | null)[] = new Array(filled).fill(null);
  const prevNote: (string | null)[] = new Array(filled).fill(null);
  const prevSources: string[] = new Array(filled).fill('');
  const revCount = new Uint32Array(filled);
  const byKind = { seed: 0, proposal: 0, revert: 0, carry_forward: 0 };
  let proposalId = 0;
  let approved = 0;
  let rejected = 0;
  let auditCount = 0;

  const cellRef = (v: number, f: number) => `${meshSlug[Math.floor(v / R)]}@${releaseLabel[v]}/${featureSlug[f]}`;
  const makeSources = (v: number, f: number, year: string): string => {
    const m = Math.floor(v / R);
    const slug = meshSlug[m]!;
    const label = releaseLabel[v]!;
    const r = revRng();
    const n = r < 0.55 ? 1 : r < 0.85 ? 2 : 3;
    const first = int(revRng, 4);
    const list: { url: string; title: string | null }[] = [];
    for (let j = 0; j < n; j++) {
      switch ((first + j) % 4) {
        case 0:
          list.push({ url: `https://example.org/${slug}/docs/${label}/${featureSlug[f]}`, title: `${meshName[m]} ${label} docs: ${featureName[f]}` });
          break;
        case 1:
          list.push({ url: `https://example.org/${slug}/releases/${label}`, title: `${meshName[m]} ${label} release notes` });
          break;
        case 2:
          list.push({ url: `https://blog.example.com/${year}/${slug}-${featureSlug[f]}`, title: `${featureName[f]} in ${meshName[m]}` });
          break;
        default: {
          const issue = 100 + int(revRng, 20_000);
          list.push({ url: `https://issues.example.net/${slug}/${issue}`, title: revRng() < 0.3 ? null : `${meshName[m]} issue #${issue}` });
        }
      }
    }
    return JSON.stringify(list);
  };

  let support = NO_SUPPORT;
  let text: string | null = null;
  let note: string | null = null;
  let sources = '';
  const newValue = (c: number, v: number, f: number, year: string) => {
    if (isText[f]) {
      support = NO_SUPPORT;
      text = pick(revRng, TEXT_VALUES);
      if (text === headText[c]) text = TEXT_VALUES[(TEXT_VALUES.indexOf(text) + 1) % TEXT_VALUES.length]!;
      note = revRng() < 0.1 ? pick(revRng, NOTES) : null;
    } else {
      support = randomSupport(revRng, headSupport[c]!);
      text = null;
      note = revRng() < 0.2 ? pick(revRng, NOTES) : null;
    }
    sources = makeSources(v, f, year);
  };
  const supportValue = (s: number) => (s === NO_SUPPORT ? null : SUPPORT[s]!);

  const step = Math.max(1, Math.ceil(N / 10));
  const revStarted = performance.now();
  for (let j = 0; j < N; j++) {
    const e = order[j]!;
    const c = evCell[e]!;
    const t = evTime[e]!;
    const key = keys[c]!;
    const f = key % F;
    const v = (key - f) / F;
    const id = j + 1;
    const createdAt = iso(t);
    const parent = headId[c]!;
    let kind: number;
    let author: number | null = null;
    let approver: number | null = null;
    let linkedProposal: number | null = null;
    let carried = 0;
    let reason: string | null = null;

    if (parent !== 0 && revRng() < 0.06) {
      // Someone proposed a different value meanwhile and a moderator turned it down.
      const from = headTime[c]!;
      const proposedAt = iso(Math.round(from + (t - from) * 0.2));
      const decidedAt = iso(Math.round(from + (t - from) * 0.6));
      const rejectedAuthor = contributorId(revRng);
      const reviewer = moderatorId(revRng);
      const why = pick(revRng, REJECT_REASONS);
      newValue(c, v, f, createdAt.slice(0, 4));
      const pid = ++proposalId;
      insertProposal.run(pid, v + 1, f + 1, parent, supportValue(support), text, note, sources, pick(revRng, RATIONALES), 0, 'rejected', rejectedAuthor, reviewer, why, null, proposedAt, decidedAt);
      insertAudit.run(rejectedAuthor, 'proposal.create', 'proposal', String(pid), JSON.stringify({ cell: cellRef(v, f), support: supportValue(support), text, affiliated: false }), proposedAt);
      insertAudit.run(reviewer, 'proposal.reject', 'proposal', String(pid), JSON.stringify({ reason: why }), decidedAt);
      auditCount += 2;
      rejected++;
    }

    if (parent === 0) {
      const origin = prevCell[c]!;
      if (carryPlanned[c] && origin >= 0 && headId[origin]! > 0) {
        kind = KIND.carry_forward;
        support = headSupport[origin]!;
        text = headText[origin]!;
        note = headNote[origin]!;
        sources = headSources[origin]!;
        carried = headKind[origin] === KIND.carry_forward ? headCarried[origin]! : headId[origin]!;
      } else {
        kind = KIND.seed;
        newValue(c, v, f, createdAt.slice(0, 4));
      }
    } else if (revCount[c]! >= 2 && revRng() < 0.1) {
      kind = KIND.revert;
      support = prevSupport[c]!;
      text = prevText[c]!;
      note = prevNote[c]!;
      sources = prevSources[c]!;
      carried = prevCarried[c]!;
      author = approver = moderatorId(revRng);
      const why = pick(revRng, REVERT_REASONS);
      reason = `Reverted to revision ${prevId[c]}: ${why}`;
      insertAudit.run(
        author,
        'cell.revert',
        'cell',
        cellRef(v, f),
        JSON.stringify({ toRevisionId: prevId[c], fromRevisionId: parent, newRevisionId: id, reason: why }),
        createdAt,
      );
      auditCount++;
    } else {
      kind = KIND.proposal;
      newValue(c, v, f, createdAt.slice(0, 4));
      author = contributorId(revRng);
      approver = moderatorId(revRng);
      if (revRng() < 0.4) linkedProposal = ++proposalId;
    }

    insertRevision.run(
      id,
      v + 1,
      f + 1,
      supportValue(support),
      text,
      note,
      sources,
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
      const from = parent ? headTime[c]! + 1000 : releaseTime[v]!;
      const proposedAt = iso(Math.min(t, Math.max(from, Math.round(t - (1 + revRng() * 335) * 3_600_000))));
      const affiliated = revRng() < 0.05;
      const comment = revRng() < 0.2 ? pick(revRng, REVIEW_COMMENTS) : null;
      insertProposal.run(linkedProposal, v + 1, f + 1, parent || null, supportValue(support), text, note, sources, pick(revRng, RATIONALES), affiliated ? 1 : 0, 'approved', author, approver, comment, id, proposedAt, createdAt);
      insertAudit.run(author, 'proposal.create', 'proposal', String(linkedProposal), JSON.stringify({ cell: cellRef(v, f), support: supportValue(support), text, affiliated }), proposedAt);
      insertAudit.run(approver, 'proposal.approve', 'proposal', String(linkedProposal), JSON.stringify({ revisionId: id, overConflict: false, comment }), createdAt);
      auditCount += 2;
      approved++;
    }

    prevId[c] = parent;
    prevCarried[c] = headCarried[c]!;
    prevSupport[c] = headSupport[c]!;
    prevText[c] = headText[c]!;
    prevNote[c] = headNote[c]!;
    prevSources[c] = headSources[c]!;
    headId[c] = id;
    headTime[c] = t;
    headKind[c] = kind;
    headCarried[c] = carried;
    headSupport[c] = support;
    headText[c] = text;
    headNote[c] = note;
    headSources[c] = sources;
    revCount[c]!++;

    if (id % step === 0 || id === N) {
      const seconds = (performance.now() - revStarted) / 1000;
      report({ phase: 'revisions', done: id, total: N, rate: seconds > 0 ? id / seconds : 0 });
    }
  }

  // ---- pending proposals, mostly on the newest release of active meshes
  const pendingRng = stream(seed, 7);
  const newest: number[] = [];
  const open: number[] = [];
  for (let c = 0; c < filled; c++) {
    const key = keys[c]!;
    const f = key % F;
    const v = (key - f) / F;
    if (archived[Math.floor(v / R)] || retired[f]) continue;
    open.push(c);
    if (v % R === R - 1) newest.push(c);
  }
  if (open.length === 0) for (let c = 0; c < filled; c++) open.push(c);
  const pendingByAuthor = new Map<number, number>();
  const pendingRows: { c: number; base: number; at: number; author: number; support: string | null; text: string | null; note: string | null; sources: string; affiliated: boolean; rationale: string }[] = [];
  for (let j = 0; j < P; j++) {
    const c = newest.length && pendingRng() < 0.7 ? pick(pendingRng, newest) : pick(pendingRng, open);
    const key = keys[c]!;
    const f = key % F;
    const v = (key - f) / F;
    const stale = prevId[c]! > 0 && pendingRng() < 0.1;
    const from = Math.max(headTime[c]! + 60_000, T_END - 120 * DAY);
    const at = Math.round(from + pendingRng() * Math.max(0, T_END + 30 * DAY - from));
    // The app allows 20 pending proposals per author; keep to it where the user count allows.
    let author = contributorId(pendingRng);
    for (let tries = 0; tries < 8 && (pendingByAuthor.get(author) ?? 0) >= 20; tries++) author = firstContributor + int(pendingRng, contributors);
    pendingByAuthor.set(author, (pendingByAuthor.get(author) ?? 0) + 1);
    let s: number;
    let value: string | null = null;
    if (isText[f]) {
      s = NO_SUPPORT;
      value = pick(pendingRng, TEXT_VALUES);
      if (value === headText[c]) value = TEXT_VALUES[(TEXT_VALUES.indexOf(value) + 1) % TEXT_VALUES.length]!;
    } else s = randomSupport(pendingRng, headSupport[c]!);
    pendingRows.push({
      c,
      base: stale ? prevId[c]! : headId[c]!,
      at,
      author,
      support: supportValue(s),
      text: value,
      note: pendingRng() < 0.15 ? pick(pendingRng, NOTES) : null,
      sources: '',
      affiliated: pendingRng() < 0.05,
      rationale: pick(pendingRng, RATIONALES),
    });
    // Sources need the value's year, so draw them from the pending stream once the time is known.
    const row = pendingRows[pendingRows.length - 1]!;
    const slug = meshSlug[Math.floor(v / R)]!;
    row.sources = JSON.stringify([
      { url: `https://example.org/${slug}/docs/${releaseLabel[v]}/${featureSlug[f]}`, title: `${meshName[Math.floor(v / R)]} ${releaseLabel[v]} docs: ${featureName[f]}` },
      ...(pendingRng() < 0.4 ? [{ url: `https://issues.example.net/${slug}/${100 + int(pendingRng, 20_000)}`, title: null }] : []),
    ]);
  }
  pendingRows.sort((a, b) => a.at - b.at);
  for (const row of pendingRows) {
    const key = keys[row.c]!;
    const f = key % F;
    const v = (key - f) / F;
    const pid = ++proposalId;
    const at = iso(row.at);
    insertProposal.run(pid, v + 1, f + 1, row.base, row.support, row.text, row.note, row.sources, row.rationale, row.affiliated ? 1 : 0, 'pending', row.author, null, null, null, at, null);
    insertAudit.run(row.author, 'proposal.create', 'proposal', String(pid), JSON.stringify({ cell: cellRef(v, f), support: row.support, text: row.text, affiliated: row.affiliated }), at);
    auditCount++;
  }
  report({ phase: 'pending', done: P, total: P });

  // ---- heads: every cell points at its newest revision
  for (let c = 0; c < filled; c++) {
    const key = keys[c]!;
    const f = key % F;
    insertHead.run((key - f) / F + 1, f + 1, headId[c], iso(headTime[c]!));
  }
  report({ phase: 'heads', done: filled, total: filled });

  sqlite
    .prepare("INSERT INTO meta (key, value) VALUES ('generator', ?)")
    .run(JSON.stringify({ meshes: M, rows: F, releases: R, revisions: N, pending: P, seed }));
  // Marks the file as seeded so that prepareDatabase at app start does not mix the
  // curated data set into the generated one.
  sqlite.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('seed_version', ?)").run(SEED_VERSION);

  let accounts = count(sqlite, 'SELECT count(*) AS n FROM accounts');
  return {
    meshes: M,
    archivedMeshes: archivedCount,
    meshAliases: aliasCount,
    releases: V,
    categories: C,
    features: F,
    textFeatures: isText.reduce((a, b) => a + b, 0),
    retiredFeatures: retiredTarget,
    users: userCount,
    accounts: (accounts = accounts),
    cells: filled,
    revisions: N,
    revisionsByKind: byKind,
    cellHeads: filled,
    proposals: { approved, rejected, pending: P },
    auditEvents: auditCount,
  };
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
      'cell heads not at the newest revision of their cell',
      'SELECT count(*) AS n FROM cell_heads h WHERE h.revision_id IS NOT (SELECT max(r.id) FROM revisions r WHERE r.mesh_version_id = h.mesh_version_id AND r.feature_id = h.feature_id)',
    ],
    [
      'cells with revisions but no head',
      'SELECT count(*) AS n FROM (SELECT DISTINCT mesh_version_id, feature_id FROM revisions) c LEFT JOIN cell_heads h ON h.mesh_version_id = c.mesh_version_id AND h.feature_id = c.feature_id WHERE h.revision_id IS NULL',
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
    ['undecided proposals with a result revision', "SELECT count(*) AS n FROM proposals WHERE status <> 'approved' AND result_revision_id IS NOT NULL"],
  ];
  const invariantProblems: string[] = [];
  for (const [what, sql] of checks) {
    const n = count(sqlite, sql);
    if (n > 0) invariantProblems.push(`${n} ${what}`);
  }
  const ok = foreignKeyProblems.length === 0 && integrity.length === 1 && integrity[0] === 'ok' && invariantProblems.length === 0;
  return { ok, foreignKeyProblems, integrity, invariantProblems };
}
