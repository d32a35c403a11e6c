import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { revisions } from '@/db/schema';
import { pathsForCell, patternsForCell } from '@/lib/next/revalidate';
import { ConflictError, NotFoundError } from '@/lib/rules/errors';
import { countHistoryPages, getCellPage, HISTORY_PAGE_SIZE } from '@/lib/server/cells/cell-page';
import { appendRevision } from '@/lib/server/cells/cells';
import { cellHistoryTableHtml } from '@/app/_components/cell-history-html';
import { approveProposal, rejectProposal, revertCell } from '@/lib/server/proposals/review';
import { createCast, type Cast } from '../support/cast';
import { propose } from '../support/proposing';
import {
  cell,
  headOf,
  ISTIO_CB,
  ISTIO_MTLS,
  LINKERD_MTLS,
  rawRevisions,
  revisionRow,
  slugsOf,
} from '../support/lookups';
import { createTempDatabase, type TempDatabase } from '../support/temp-db';

describe('cell pages', () => {
  let db: TempDatabase;
  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('gives a cell its full history newest first', () => {
    const page = getCellPage('kuma', '0.2', 'circuit-breaking', db.db);
    expect(page.history.length).toBeGreaterThanOrEqual(2);
    const dates = page.history.map((r) => r.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(page.current?.revisionId).toBe(page.history[0]?.revisionId);
    expect(() => getCellPage('kuma', '0.2', 'nosuchrow', db.db)).toThrow(NotFoundError);
  });

  it('pages a long history: the newest page on the cell page, older ones a page each, none past the last', () => {
    const target = cell(db, LINKERD_MTLS);
    const before = getCellPage(...LINKERD_MTLS, db.db).historyCount;
    const added = 2 * HISTORY_PAGE_SIZE + 7 - before;
    for (let i = 0; i < added; i++)
      appendRevision(db.db, {
        meshVersionId: target.meshVersionId,
        featureId: target.featureId,
        support: i % 2 ? 'yes' : 'partial',
        text: null,
        note: `paged ${i}`,
        sources: [{ url: `https://example.org/paged/${i}`, title: null }],
        kind: 'seed',
        createdAt: new Date(Date.UTC(2030, 0, 1) + i * 60_000).toISOString(),
      });
    const whole = getCellPage(...LINKERD_MTLS, db.db);
    expect(whole.historyCount).toBe(2 * HISTORY_PAGE_SIZE + 7);
    expect(whole.history).toHaveLength(whole.historyCount);
    expect(whole.historyPage).toBeNull();
    expect(countHistoryPages(whole.historyCount)).toBe(3);

    const pages = [1, 2, 3].map((n) => getCellPage(...LINKERD_MTLS, db.db, n));
    expect(pages.map((p) => p.history.length)).toEqual([HISTORY_PAGE_SIZE, HISTORY_PAGE_SIZE, 7]);
    expect(pages.every((p) => p.historyCount === whole.historyCount)).toBe(true);
    expect(pages.flatMap((p) => p.history)).toEqual(whole.history);
    expect(pages[0]!.history[0]?.revisionId).toBe(whole.current?.revisionId);
    expect(pages[0]!.current).toEqual(whole.current);
    expect(() => getCellPage(...LINKERD_MTLS, db.db, 4)).toThrow(NotFoundError);

    // Only the newest page marks its first row as the current value.
    expect(cellHistoryTableHtml(pages[0]!).match(/>current</g)).toHaveLength(1);
    expect(cellHistoryTableHtml(pages[1]!)).not.toContain('>current<');
  });
});

describe('history is never updated or deleted', () => {
  let db: TempDatabase;
  let cast: Cast;

  beforeAll(() => {
    db = createTempDatabase();
    cast = createCast(db);
  });
  afterAll(() => db.cleanup());

  it('keeps every revision row unchanged through propose, approve, revert, approve over conflict and reject', () => {
    const snapshots: Record<string, unknown>[][] = [];
    const step = () => snapshots.push(rawRevisions(db));
    const target = cell(db, ISTIO_MTLS);
    const original = headOf(db, ISTIO_MTLS);
    step();

    const a = propose(db, { author: cast.alice, support: 'partial', note: 'A', baseRevisionId: original.id });
    const b = propose(db, { author: cast.bob, support: 'no', note: 'B', baseRevisionId: original.id });
    const c = propose(db, { author: cast.bob, at: ISTIO_CB, support: 'no', note: 'C' });
    step();
    const approvedA = approveProposal(cast.mo, { id: a.id }, { db: db.db });
    step();
    revertCell(cast.mia, { ...slugsOf(target), revisionId: original.id, reason: 'A was wrong' }, { db: db.db });
    step();
    expect(() => approveProposal(cast.mo, { id: b.id }, { db: db.db })).toThrow(ConflictError);
    step();
    const approvedB = approveProposal(cast.mo, { id: b.id, overConflict: true }, { db: db.db });
    step();
    rejectProposal(cast.mia, { id: c.id, reason: 'No source supports this' }, { db: db.db });
    step();
    revertCell(
      cast.ada,
      { ...slugsOf(target), revisionId: approvedA.revisionId, reason: 'A was right after all' },
      { db: db.db },
    );
    step();
    const d = propose(db, { author: cast.alice, at: ISTIO_CB, support: 'partial', note: 'D' });
    approveProposal(cast.ada, { id: d.id, comment: 'ok' }, { db: db.db });
    step();

    const final = rawRevisions(db);
    for (const [i, snapshot] of snapshots.entries()) {
      expect(final.slice(0, snapshot.length), `rows present after step ${i}`).toEqual(snapshot);
    }
    const lengths = snapshots.map((s) => s.length - snapshots[0]!.length);
    expect(lengths).toEqual([0, 0, 1, 2, 2, 3, 3, 4, 5]);
    expect(headOf(db, ISTIO_MTLS)).toMatchObject({ kind: 'revert', support: 'partial', note: 'A' });
    expect(revisionRow(db, approvedB.revisionId)).toMatchObject({ support: 'no', note: 'B', proposalId: b.id });
  });

  it('refuses UPDATE and DELETE on revisions at the database level', () => {
    const rowsBefore = rawRevisions(db);
    const head = headOf(db, ISTIO_MTLS);
    expect(() => db.sqlite.prepare("UPDATE revisions SET note = 'rewritten' WHERE id = ?").run(head.id)).toThrow(
      /append-only/,
    );
    expect(() => db.sqlite.prepare('UPDATE revisions SET support = NULL').run()).toThrow(/append-only/);
    expect(() => db.sqlite.prepare('DELETE FROM revisions WHERE id = ?').run(head.id)).toThrow(/append-only/);
    expect(() => db.sqlite.prepare('DELETE FROM revisions').run()).toThrow(/append-only/);
    expect(() => db.db.update(revisions).set({ note: 'via drizzle' }).where(eq(revisions.id, head.id)).run()).toThrow(
      /append-only/,
    );
    expect(() => db.db.delete(revisions).where(eq(revisions.id, head.id)).run()).toThrow(/append-only/);
    expect(rawRevisions(db)).toEqual(rowsBefore);
  });
});

describe('history is append-only', () => {
  let db: TempDatabase;
  beforeAll(() => {
    db = createTempDatabase();
  });
  afterAll(() => db.cleanup());

  it('refuses to update a revision', () => {
    expect(() => db.sqlite.prepare(`UPDATE revisions SET support = 'no' WHERE id = 1`).run()).toThrow(/append-only/);
  });

  it('refuses to delete a revision', () => {
    expect(() => db.sqlite.prepare('DELETE FROM revisions WHERE id = 1').run()).toThrow(/append-only/);
  });

  it('has no UPDATE or DELETE of revisions anywhere in the application code', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(entry.name)) {
          const source = fs.readFileSync(full, 'utf8');
          if (
            /update\(\s*revisions\s*\)|delete\(\s*revisions\s*\)|(UPDATE|DELETE\s+FROM)\s+[`"]?revisions\b/i.test(
              source,
            )
          )
            offenders.push(full);
        }
      }
    };
    for (const dir of ['app', 'lib', 'db']) walk(dir);
    expect(offenders).toEqual([]);
  });
});

describe('pathsForCell', () => {
  it('names every cached page that shows the cell', () => {
    expect(pathsForCell({ meshSlug: 'istio', label: '1.16.1', featureSlug: 'mtls' })).toEqual([
      '/cached-views/matrix',
      '/meshes/istio',
      '/meshes/istio/1.16.1',
      '/meshes/istio/1.16.1/mtls',
      '/meshes/istio/compare',
      '/cached-views/changes',
    ]);
    expect(patternsForCell).toEqual(['/meshes/[slug]/compare/[from]/[to]', '/cached-views/[view]']);
  });
});
