import { spawn } from 'node:child_process';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { baseURL, e2eEnv } from './env';
import { expect, postJson, test } from './fixtures';
import { serverCommand } from '../support/next-bin';

const secondPort = '3297';
const secondURL = `http://127.0.0.1:${secondPort}`;
const cells = [
  { mesh: 'gloo-mesh', version: 'as-of-2022-01', feature: 'circuit-breaking' },
  { mesh: 'gloo-mesh', version: 'as-of-2022-01', feature: 'fault-injection' },
  { mesh: 'gloo-mesh', version: 'as-of-2022-01', feature: 'rate-limiting' },
];

async function signedIn(base: string, username: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: base });
  const { csrfToken } = await (await context.get('/api/auth/csrf')).json();
  expect((await context.post('/api/auth/callback/demo', { form: { csrfToken, username, json: 'true' } })).ok()).toBe(
    true,
  );
  return context;
}

test('hundreds of proposals and approvals at the same cells, through two server processes at once, lose nothing', async () => {
  test.setTimeout(180_000);
  // A second server process on the same SQLite file: writes now contend across processes, not just within one.
  const env: Record<string, string | undefined> = { ...process.env, ...e2eEnv, NEXTAUTH_URL: secondURL };
  const second = spawn(...serverCommand(secondPort), {
    env: env as NodeJS.ProcessEnv,
    stdio: 'ignore',
  });
  try {
    const probe = await playwrightRequest.newContext();
    await expect
      .poll(async () => (await probe.get(`${secondURL}/api/health`).catch(() => null))?.status(), { timeout: 30_000 })
      .toBe(200);

    const proposers = [await signedIn(baseURL, 'alice'), await signedIn(secondURL, 'alice')];
    const moderators = [
      await signedIn(baseURL, 'mo'),
      await signedIn(secondURL, 'mo'),
      await signedIn(baseURL, 'ada'),
      await signedIn(secondURL, 'ada'),
    ];
    const origins = new Map<APIRequestContext, string>([
      [proposers[0]!, baseURL],
      [proposers[1]!, secondURL],
      [moderators[0]!, baseURL],
      [moderators[1]!, secondURL],
      [moderators[2]!, baseURL],
      [moderators[3]!, secondURL],
    ]);
    const statuses: number[] = [];
    const heads = async () => {
      const matrix = await (await probe.get(`${baseURL}/api/v1/matrix?meshes=gloo-mesh`)).json();
      return Object.fromEntries(
        cells.map((c) => [c.feature, matrix.cells['gloo-mesh'][c.feature]?.revisionId ?? null]),
      );
    };

    const base = await heads();
    const proposals = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const context = proposers[i % 2]!;
        const cell = cells[i % cells.length]!;
        const response = await postJson(
          context,
          '/api/v1/proposals',
          {
            ...cell,
            support: i % 2 ? 'yes' : 'partial',
            note: `concurrent ${i}`,
            sources: [{ url: `https://example.com/gloo/${i}` }],
            rationale: 'load',
            baseRevisionId: base[cell.feature],
          },
          origins.get(context),
        );
        statuses.push(response.status());
        return response.status() === 201 ? ((await response.json()).id as number) : null;
      }),
    );
    const ids = proposals.filter((id): id is number => id !== null);
    expect(ids).toHaveLength(200);

    await Promise.all(
      ids.map(async (id, i) => {
        const context = moderators[i % moderators.length]!;
        const response = await postJson(
          context,
          `/api/v1/proposals/${id}/approve`,
          { overConflict: i % 3 === 0 },
          origins.get(context),
        );
        statuses.push(response.status());
      }),
    );
    const unexpected = statuses.filter((s) => s !== 200 && s !== 201 && s !== 409);
    expect(unexpected).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 409).length).toBeGreaterThan(0);

    const db = new Database(e2eEnv.DATABASE_PATH, { readonly: true });
    try {
      const list = ids.join(',');
      const bad = db
        .prepare(`SELECT count(*) AS n FROM proposals WHERE id IN (${list}) AND status NOT IN ('pending', 'approved')`)
        .get() as { n: number };
      expect(bad.n).toBe(0);
      const approvedWithoutOneRevision = db
        .prepare(
          `SELECT count(*) AS n FROM proposals p WHERE p.id IN (${list}) AND p.status = 'approved'
           AND ((SELECT count(*) FROM revisions r WHERE r.proposal_id = p.id) <> 1 OR p.result_revision_id IS NULL
             OR (SELECT proposal_id FROM revisions r WHERE r.id = p.result_revision_id) <> p.id)`,
        )
        .get() as { n: number };
      expect(approvedWithoutOneRevision.n).toBe(0);
      const revisionsOfUndecided = db
        .prepare(
          `SELECT count(*) AS n FROM revisions r JOIN proposals p ON p.id = r.proposal_id WHERE p.status <> 'approved'`,
        )
        .get() as { n: number };
      expect(revisionsOfUndecided.n).toBe(0);
      const staleHeads = db
        .prepare(
          `SELECT count(*) AS n FROM cell_heads h
           WHERE h.revision_id <> (SELECT max(id) FROM revisions r WHERE r.mesh_version_id = h.mesh_version_id AND r.feature_id = h.feature_id)`,
        )
        .get() as { n: number };
      expect(staleHeads.n).toBe(0);
      const approved = db
        .prepare(`SELECT count(*) AS n FROM proposals WHERE id IN (${list}) AND status = 'approved'`)
        .get() as { n: number };
      expect(approved.n).toBe(statuses.filter((s) => s === 200).length);
      // Every proposal of a cell shares one base revision: once one is approved the head has moved, so only approvals
      // over the conflict may follow. One winner per cell among the plain approvals, and at least one winner in all.
      const overConflict = new Set(ids.filter((_, i) => i % 3 === 0));
      const winners = db
        .prepare(
          `SELECT p.id, f.slug AS feature FROM proposals p JOIN features f ON f.id = p.feature_id WHERE p.id IN (${list}) AND p.status = 'approved'`,
        )
        .all() as { id: number; feature: string }[];
      for (const cell of cells) {
        const ofCell = winners.filter((w) => w.feature === cell.feature);
        expect(ofCell.length, cell.feature).toBeGreaterThanOrEqual(1);
        expect(ofCell.filter((w) => !overConflict.has(w.id)).length, cell.feature).toBeLessThanOrEqual(1);
      }
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  } finally {
    second.kill('SIGTERM');
  }
});
