import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRevision } from '@/lib/server/cells/cells';
import { renderCsv } from '@/lib/server/exports/csv';
import { listAllCells } from '@/lib/server/exports/all-cells';
import { prepareCsvExport, streamCsvExport, type CsvExport } from '@/lib/server/exports/csv-export';
import { readDataVersion } from '@/lib/next/http-cache';
import { BadRequestError } from '@/lib/rules/errors';
import { featureId, SOURCE, versionOf } from '@/tests/support/lookups';
import { createTempDatabase, type TempDatabase } from '@/tests/support/temp-db';

let db: TempDatabase;
let dir: string;
beforeAll(() => {
  db = createTempDatabase();
  dir = path.join(db.dir, 'csv');
  fs.mkdirSync(dir);
});
afterAll(() => db.cleanup());

async function readAll(csv: CsvExport): Promise<string> {
  return new Response(streamCsvExport(csv)).text();
}

const prepare = (meshes: string[] = []) => prepareCsvExport(meshes, readDataVersion(db.db).tag, { q: db.db, dir });

describe('the precomputed CSV export', () => {
  it('streams exactly the rendered CSV, whole or for chosen meshes, with its byte size', async () => {
    const whole = await prepare();
    const text = await readAll(whole);
    expect(text).toBe(renderCsv(listAllCells([], db.db)));
    expect(whole.size).toBe(Buffer.byteLength(text));
    expect(whole.etag).toMatch(/^".+"$/);

    const chosen = await prepare(['linkerd', 'istio']);
    expect(await readAll(chosen)).toBe(renderCsv(listAllCells(['linkerd', 'istio'], db.db)));
    expect(chosen.etag).not.toBe(whole.etag);
  });

  it('is built once per data version, also for concurrent requests', async () => {
    const tag = `${readDataVersion(db.db).tag}-concurrent`;
    const first = prepareCsvExport([], tag, { q: db.db, dir });
    expect(prepareCsvExport([], tag, { q: db.db, dir })).toBe(first);
    const built = await first;
    expect(await prepareCsvExport([], tag, { q: db.db, dir })).toBe(built);
  });

  it('is refreshed by a write, rendering again only the release that changed', async () => {
    const before = await prepare();
    const istio = versionOf(db, 'istio', '1.16.1');
    appendRevision(db.db, {
      meshVersionId: istio.id,
      featureId: featureId(db, 'mtls'),
      support: 'no',
      text: null,
      note: 'csv export refresh "quoted", with a comma',
      sources: [SOURCE],
      kind: 'import',
      reason: 'csv export fixture',
    });
    const after = await prepare();
    expect(after.etag).not.toBe(before.etag);
    const text = await readAll(after);
    expect(text).toBe(renderCsv(listAllCells([], db.db)));
    expect(text).toContain('"csv export refresh ""quoted"", with a comma"');
    const changed = after.files.filter((file) => !before.files.includes(file));
    expect(changed.map((file) => path.basename(file).split('-')[0])).toEqual([String(istio.id)]);
  });

  it('refuses unknown meshes by name', async () => {
    const error = await prepare(['istio', 'nosuchmesh']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).fieldErrors).toHaveProperty('meshes');
    expect((error as Error).message).toContain('nosuchmesh');
  });

  it('closes the file it reads when the reader cancels or the request is aborted, never leaving it to the GC', async () => {
    // Open descriptors of this process on the export's files (Linux).
    const openFiles = () =>
      fs.readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
        } catch {
          return false;
        }
      }).length;
    const csv = await prepare();
    const before = openFiles();
    const started = async (signal?: AbortSignal) => {
      const reader = streamCsvExport(csv, signal).getReader();
      await reader.read();
      expect((await reader.read()).value?.length).toBeGreaterThan(0);
      expect(openFiles()).toBe(before + 1);
      return reader;
    };

    await (await started()).cancel();
    expect(openFiles()).toBe(before);

    const request = new AbortController();
    await started(request.signal);
    request.abort();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openFiles()).toBe(before);

    const aborted = new AbortController();
    aborted.abort();
    const reader = streamCsvExport(csv, aborted.signal).getReader();
    await reader.read();
    expect((await reader.read()).done).toBe(true);
    expect(openFiles()).toBe(before);
  });
});
