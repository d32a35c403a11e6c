import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import type { MeshVersion } from '@/db/schema';
import { getDb } from '../db';
import { listReleaseCells, readExportLayout } from './all-cells';
import { CSV_HEADER, renderCsvLines } from './csv';

/**
 * The CSV export, precomputed per release. Each release's lines are written once to a file named by a token of
 * everything they depend on (the release's newest revision, its mesh and releases, the rows), so after a write only
 * the releases it touched are rendered again, and every reader streams the same files from disk: fifty readers at
 * once hold fifty small buffers, not fifty copies of a 50 MB export.
 */
export interface CsvExport {
  etag: string;
  /** Bytes of the whole export, header included. */
  size: number;
  /** Release files in export order, after the header. */
  files: string[];
}

/** A replaced release file stays this long, for readers still streaming an export that lists it. */
const REPLACED_FILE_GRACE_MS = 10 * 60 * 1000;
const READ_CHUNK_BYTES = 64 * 1024;

interface Store {
  dir: string | null;
  /** Export by mesh selection, with the data version it was built at. */
  built: Map<string, { tag: string; csv: CsvExport }>;
  building: Map<string, Promise<CsvExport>>;
  sizes: Map<string, number>;
  outdatedSince: Map<string, number>;
}

const global = globalThis as unknown as { meshMatrixCsvExports?: Store };
const store = (global.meshMatrixCsvExports ??= {
  dir: null,
  built: new Map(),
  building: new Map(),
  sizes: new Map(),
  outdatedSince: new Map(),
});

const PROCESS_DIR_PREFIX = 'mesh-matrix-csv-';

/** Removes the directories of server processes that are gone (a crash skips the exit hook). */
function removeAbandonedDirs(parent: string): void {
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(PROCESS_DIR_PREFIX)) continue;
    const pid = Number(name.slice(PROCESS_DIR_PREFIX.length));
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH')
        fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

/**
 * One directory per server process, so a new build (which may render lines differently) never serves files an older
 * one wrote; removed when the process exits.
 */
function processDir(): string {
  if (store.dir) return store.dir;
  const parent = os.tmpdir();
  removeAbandonedDirs(parent);
  const dir = path.join(parent, `${PROCESS_DIR_PREFIX}${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  store.dir = dir;
  return dir;
}

const hash = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 22);

/** Newest revision per release: every revision moves its cell's head, so this changes whenever a release's lines may. */
function newestRevisionByRelease(q: Queryable): Map<number, number> {
  const rows = q.all<{ id: number; head: number }>(
    sql`SELECT mesh_version_id AS id, max(revision_id) AS head FROM cell_heads GROUP BY mesh_version_id`,
  );
  return new Map(rows.map((r) => [r.id, r.head]));
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

function sizeOf(file: string): number | undefined {
  const known = store.sizes.get(file);
  if (known !== undefined) return known;
  try {
    const size = fs.statSync(file).size;
    store.sizes.set(file, size);
    return size;
  } catch {
    return undefined;
  }
}

/** Deletes release files no export lists any more, once they have been outdated for the grace period. */
function removeOutdatedFiles(dir: string, current: Set<string>, now: number): void {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (current.has(file) || name.endsWith('.tmp')) continue;
    const since = store.outdatedSince.get(file);
    if (since === undefined) store.outdatedSince.set(file, now);
    else if (now - since >= REPLACED_FILE_GRACE_MS) {
      fs.rmSync(file, { force: true });
      store.outdatedSince.delete(file);
      store.sizes.delete(file);
    }
  }
}

const yieldToOtherRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

async function buildCsvExport(meshSlugs: string[], q: Queryable, dir: string): Promise<CsvExport> {
  const layout = readExportLayout(meshSlugs, q);
  const newest = newestRevisionByRelease(q);
  const rowsToken = hash(CSV_HEADER + JSON.stringify(layout.categories));
  const files: string[] = [];
  let size = Buffer.byteLength(CSV_HEADER);
  for (const mesh of layout.meshes) {
    const releases = layout.versions.get(mesh.id) ?? [];
    // A release's lines show its mesh, and its staleness and carried-from labels depend on the mesh's other releases.
    const meshToken = hash(`${rowsToken}${JSON.stringify(mesh)}${JSON.stringify(releases)}`);
    const fileOf = (v: MeshVersion) => path.join(dir, `${v.id}-${hash(`${meshToken}:${newest.get(v.id) ?? 0}`)}.csv`);
    // One release at a time, with other requests served in between: a whole mesh of the large set held the event
    // loop for about a quarter of a second, which approvals and renders queued behind it paid for.
    for (const version of releases.filter((v) => sizeOf(fileOf(v)) === undefined)) {
      const text = renderCsvLines(listReleaseCells(mesh, [version], layout.categories, q));
      writeAtomically(fileOf(version), text);
      store.sizes.set(fileOf(version), Buffer.byteLength(text));
      await yieldToOtherRequests();
    }
    for (const version of releases) {
      files.push(fileOf(version));
      size += sizeOf(fileOf(version)) ?? 0;
    }
  }
  if (!meshSlugs.length) removeOutdatedFiles(dir, new Set(files), Date.now());
  return { etag: `"${hash(files.map((f) => path.basename(f)).join(','))}"`, size, files };
}

/**
 * The export of the chosen meshes (all when none) at data version `tag` (lib/next/http-cache.ts readDataVersion):
 * reused while the data is unchanged, built once for concurrent requests, and otherwise rendered again only for the
 * releases that changed. Unknown meshes are a BadRequestError naming them.
 */
export function prepareCsvExport(
  meshSlugs: string[],
  tag: string,
  options: { q?: Queryable; dir?: string } = {},
): Promise<CsvExport> {
  const key = `${[...meshSlugs].sort().join(',')}@${options.dir ?? ''}`;
  const built = store.built.get(key);
  if (built?.tag === tag) return Promise.resolve(built.csv);
  const flight = `${key}#${tag}`;
  let building = store.building.get(flight);
  if (!building) {
    building = buildCsvExport(meshSlugs, options.q ?? getDb(), options.dir ?? processDir());
    store.building.set(flight, building);
    building.then(
      (csv: CsvExport) => {
        store.built.set(key, { tag, csv });
        store.building.delete(flight);
      },
      () => store.building.delete(flight),
    );
  }
  return building;
}

/**
 * The export's bytes: the header, then each release file read in 64 KB chunks as the reader takes them. The open file
 * is closed when the stream ends, is cancelled, or `signal` aborts (the client went away: Next aborts the request's
 * signal but need not cancel the body), never left for the garbage collector.
 */
export function streamCsvExport(csv: CsvExport, signal?: AbortSignal): ReadableStream<Uint8Array> {
  let index = -1;
  let handle: fs.promises.FileHandle | null = null;
  let finished = false;
  const release = async () => {
    finished = true;
    const open = handle;
    handle = null;
    await open?.close();
  };
  if (signal?.aborted) finished = true;
  else signal?.addEventListener('abort', () => void release(), { once: true });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index === -1) {
        index = 0;
        controller.enqueue(new TextEncoder().encode(CSV_HEADER));
        return;
      }
      while (!finished && index < csv.files.length) {
        if (!handle) {
          const opened = await fs.promises.open(csv.files[index]!, 'r');
          // Released while it was opening: nobody else would close it.
          if (finished) return void (await opened.close());
          handle = opened;
        }
        const open = handle;
        const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
        const { bytesRead } = await open.read(buffer, 0, READ_CHUNK_BYTES, null);
        // Released during the read: close() waited for it, and nobody is reading any more.
        if (finished) return;
        if (bytesRead > 0) {
          controller.enqueue(buffer.subarray(0, bytesRead));
          return;
        }
        handle = null;
        await open.close();
        index++;
      }
      // At the end, or aborted before the files: either way nothing more comes.
      if (index >= csv.files.length || signal?.aborted) controller.close();
    },
    cancel: release,
  });
}
