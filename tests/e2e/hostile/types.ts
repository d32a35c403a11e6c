import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { e2eEnv } from '../env';
import { ownServerBase } from '../own-server';

/**
 * The sweep runs against a server and database of its own, so it can run
 * beside the other specs and its fixtures touch nothing they read.
 */
export const HOSTILE_OFFSET = 5;
export const HOSTILE_BASE = ownServerBase(HOSTILE_OFFSET);
export const hostileDb = path.join(path.dirname(e2eEnv.DATABASE_PATH), 'hostile.db');

export type Who = 'anonymous' | 'alice' | 'mo' | 'ada';

/** What the sweep works on; made in beforeAll, before any snapshot. */
export interface World {
  /** alice's pending proposal for `proposeCell`'s release. */
  pendingId: number;
  /** mo's pending proposal (alice may not withdraw it, mo may not approve it). */
  mosPendingId: number;
  /** alice's proposal, already rejected. */
  rejectedId: number;
  /** A cell with two revisions: revert `earlierRevisionId` back over `headRevisionId`. */
  revertCell: string;
  earlierRevisionId: number;
  headRevisionId: number;
  /** The head revision of an unrelated cell: a well-formed id that belongs elsewhere. */
  otherCellRevisionId: number;
  /** The cell the propose form is attacked on, and its head. */
  proposeCell: { mesh: string; version: string; feature: string };
  proposeBaseId: number;
  /** The admin pages' people: alice and ada by id, and the OIDC user, banned for the sweep (only a banned user's page has the form that lifts a ban). */
  aliceId: number;
  adaId: number;
  banned: { id: number; name: string };
  /** The name “Linkerd 2” the seed remembers for imports, which the structure page offers to forget. */
  linkerdAliasId: number;
  /** alice's pending changeset of two cells, and its proposals. */
  changesetId: number;
  changesetCellIds: number[];
  /** mo's pending changeset (he may not decide it, alice may not withdraw it). */
  mosChangesetId: number;
  /** alice's changeset and single proposal a moderator asked changes for: what the revise forms work on. */
  feedbackChangesetId: number;
  feedbackProposalId: number;
  /** What the release form, the changeset revise form and the proposal revise form send of themselves. */
  releaseForm: Record<string, string>;
  reviseForm: Record<string, string>;
  reviseProposalForm: Record<string, string>;
  /** mo's id (the trust forms refuse changing one's own trust). */
  moId: number;
  /** mo's proposal that published without review while he was trusted: on the patrol list, for ada to check. */
  patrolId: number;
  /** alice follows MESH (her Unfollow button); mo follows it too (alice may not unfollow for him). */
  alicesWatchId: number;
  mosWatchId: number;
  /** The row whose talk thread the sweep attacks, alice's visible comment there and one of hers mo has hidden. */
  commentRow: string;
  commentId: number;
  hiddenCommentId: number;
}

export const MESH = 'nginx-service-mesh';
export const MESH_NAME = 'NGINX Service Mesh';
export const RELEASE = 'as-of-2022-01';
export const script = '<script>alert(document.domain)</script>';
export const long = (n: number) => 'x'.repeat(n);

/** A JSON body field and what it accepts; the sweep sends it values of every other shape. */
export type FieldKind =
  | { kind: 'slug' }
  | { kind: 'label' }
  | { kind: 'text'; max: number; required?: boolean }
  | { kind: 'enum' }
  | { kind: 'boolean' }
  | { kind: 'id'; required?: boolean }
  | { kind: 'sources' };

export interface ApiCase {
  name: string;
  /** Defaults to the entry's method. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Defaults to the entry's path. */
  path?: string;
  /** Sent as JSON text; `raw` sends exactly these bytes with this content type. */
  body?: unknown;
  raw?: { data: string; contentType: string };
  headers?: Record<string, string>;
  status: number;
  /** A 400 must have this key (or one under it) in `fieldErrors`; other statuses must say it in `error`. */
  names?: string;
}

export interface ApiEntry {
  /** The handler this covers: its folder under app/, as in `app/<route>/route.ts`. */
  route: string;
  method: 'GET' | 'POST' | 'DELETE';
  as: Who;
  path: (w: World) => string;
  /** JSON writes: a body that would be accepted (never sent as is), and each field's kind. */
  body?: (w: World) => Record<string, unknown>;
  fields?: Record<string, FieldKind>;
  /** Hand-written cases: hostile query strings, path segments, cross-field rules. */
  cases?: (w: World) => ApiCase[];
  /** Errors come as an HTML page naming the problem instead of JSON: the embeds, whose answers a frame shows. */
  errorsAs?: 'html';
}

export interface FormCase {
  name: string;
  /** Form fields to send instead of what the page put there (hidden ones included); missing ones are added. */
  set: Record<string, string | undefined>;
  /** Text the page must show afterwards: the field named, or the thing that is missing. */
  shows: RegExp;
  /** Text the page must not show afterwards. */
  hides?: RegExp;
  /** Who submits it, if not the entry's user: signed in (or out) after the page was shown, as in a tab left open. */
  as?: Who;
  /** Where the browser must end up: path and query on this site (a button form's way back). */
  at?: RegExp;
  /** The outcome is a page only a browser reaches (a 404 for a tampered mesh): sent in the browser only. */
  page?: true;
}

export interface FormEntry {
  /** Where the action lives: its folder under app/, as in `app/<route>/actions.ts`. */
  route: string;
  /** The exported server action this form posts to. */
  action: string;
  as: Who;
  page: (w: World) => string;
  /** The form's submit button; the sweep attacks the form it belongs to. */
  submit: (page: Page, w: World) => Locator;
  /**
   * What the page's form sends of itself: hidden fields, pre-filled values and the submit button's own name. The
   * stand-in for the page when tests/integration/form-fields.test.ts sends the cases without a browser; the sweep
   * checks it against the rendered form, so the two cannot drift apart.
   */
  form: (w: World) => Record<string, string>;
  /** Fields of an otherwise acceptable submission; each case overrides some. */
  valid?: Record<string, string>;
  /** Why every case of this form needs the browser (its outcome is a page of its own, like an import report). */
  browserOnly?: string;
  cases: (w: World) => FormCase[];
}

/**
 * The cases a browser must send: the first of each form (rendered and submitted as a reader would), those submitted by
 * someone else or judged by where they end up or by the page they reach, and those that type markup, which only a page
 * could turn into elements. Every other case is a field the command refuses by name, sent field by field without a
 * browser by tests/integration/form-fields.test.ts through the same form reading.
 */
export function casesForTheBrowser(entry: FormEntry, cases: FormCase[]): FormCase[] {
  if (entry.browserOnly) return cases;
  return cases.filter(
    (c, index) =>
      index === 0 ||
      c.as !== undefined ||
      c.at !== undefined ||
      c.hides !== undefined ||
      c.page ||
      Object.values(c.set).some((value) => value?.includes('<')),
  );
}
