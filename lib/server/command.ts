import 'server-only';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { Db, Queryable } from '@/db/client';
import { recordAuditEvent, type AuditEventInput } from './audit/audit';
import { getDb } from './db';
import { answerDatabaseFaults } from './faults';
import { actorIdOf, type AnyActor } from '../rules/permissions';
import type { CellRef } from '../rules/cell-keys';
import { parseInput } from '../rules/validation';

/**
 * What a command changed, in terms of what readers see. The Next adapters
 * revalidate from this, so a caller cannot forget to; the command line ignores
 * it (its process holds no page cache).
 */
export interface Changes {
  /** Cells whose value, history or pending proposals changed. */
  cells?: CellRef[];
  /** Columns, rows, names or statuses changed: every public page may show it. */
  everything?: boolean;
  /** Pages outside the public matrix that show the change (the review queue, admin pages). */
  paths?: string[];
}

/**
 * The site's connection is opened read-only (`PRAGMA query_only`, see
 * lib/server/db.ts), so a write that bypasses the pipeline fails at once; a command
 * lifts it for its own transaction. A transaction handed in (a rehearsal)
 * already has writes allowed.
 */
function withWritesAllowed<T>(db: Queryable, work: () => T): T {
  if (!('$client' in db)) return work();
  const client = (db as Db & { $client: Database.Database }).$client;
  const readOnly = client.pragma('query_only', { simple: true }) === 1;
  if (readOnly) client.pragma('query_only = OFF');
  try {
    return work();
  } finally {
    if (readOnly) client.pragma('query_only = ON');
  }
}

export interface CommandOptions {
  /** The database, or an open transaction to run inside (a rehearsal; a savepoint then). */
  db?: Queryable;
  /** The command's clock, for tests of time windows; defaults to now. */
  now?: Date;
}

export interface CommandContext<TActor, TInput, TOptions> {
  actor: TActor;
  input: TInput;
  tx: Queryable;
  now: Date;
  /** `now` as stored in the database. */
  at: string;
  options: TOptions;
}

export type AuditRecord = Pick<AuditEventInput, 'objectType' | 'objectId' | 'details'> &
  Partial<Pick<AuditEventInput, 'action' | 'actorId'>>;

export interface CommandDefinition<TActor extends AnyActor, TSchema extends z.ZodType, TResult, TOptions> {
  /** `area.verb`, also the audit action unless `audit` says otherwise. */
  name: string;
  /** Who may run it: returns the actor narrowed to who passed, or throws the 401/403 error. */
  authorize: (actor: AnyActor | null | undefined) => TActor;
  schema: TSchema;
  run: (context: CommandContext<TActor, z.output<TSchema>, TOptions>) => TResult;
  /**
   * The audit event the command records, written in the same transaction;
   * `action` defaults to the command's name and `actorId` to the actor's.
   * Null only for a command whose parts record their own (an import); the
   * function returns null when there was nothing to record (a returning user).
   */
  audit: ((result: TResult, context: CommandContext<TActor, z.output<TSchema>, TOptions>) => AuditRecord | null) | null;
  changes: (result: TResult, input: z.output<TSchema>) => Changes;
  /**
   * How text that breaks the text policy (lib/rules/text-policy.ts) is met: refused with a 400 naming the field
   * (everything a person types), or stripped (a profile from the identity provider).
   */
  text?: 'refuse' | 'strip';
  /** `submission` for what a person sends often (proposals): the Next adapters count it against the per-client limit. */
  limit?: 'submission';
  /** `deferred` for a command that may only read (an import's dry run); every write takes the write lock up front. */
  behavior?: (input: z.output<TSchema>) => 'immediate' | 'deferred';
}

export interface Command<TInput, TResult, TOptions> {
  /** Runs the command and returns its result: the command line and tests. */
  (actor: AnyActor | null | undefined, input: TInput | unknown, options?: CommandOptions & TOptions): TResult;
  /** Runs the command and says what it changed: the Next adapters. */
  execute(
    actor: AnyActor | null | undefined,
    input: TInput | unknown,
    options?: CommandOptions & TOptions,
  ): { result: TResult; changes: Changes };
  readonly commandName: string;
  readonly limit?: 'submission';
  /** What the command parses its input with: the API description (lib/server/openapi) is generated from it. */
  readonly schema: z.ZodType;
}

/**
 * The one write pipeline. Every change to the database goes through a
 * command: authorize the actor, parse the input with the command's zod schema
 * (a 400 naming each field), then do the work, record the audit event and
 * return what changed, all in one IMMEDIATE transaction so a crash leaves all
 * or none. lib/server/commands.ts lists them all; tests/unit/commands.test.ts
 * fails on a transaction or an audit insert outside this file.
 */
export function defineCommand<TActor extends AnyActor, TSchema extends z.ZodType, TResult, TOptions = object>(
  definition: CommandDefinition<TActor, TSchema, TResult, TOptions>,
): Command<z.input<TSchema>, TResult, TOptions> {
  const execute = (
    actor: AnyActor | null | undefined,
    rawInput: unknown,
    options: CommandOptions & TOptions = {} as CommandOptions & TOptions,
  ) => {
    const authorized = definition.authorize(actor);
    const input = parseInput(definition.schema, rawInput, definition.text);
    const db = options.db ?? getDb();
    const now = options.now ?? new Date();
    // A full disk or a lock held past the busy timeout rolls the transaction back: a 503, not a 500.
    const result = answerDatabaseFaults(() =>
      withWritesAllowed(db, () =>
        db.transaction(
          (tx) => {
            const context = { actor: authorized, input, tx, now, at: now.toISOString(), options };
            const value = definition.run(context);
            const event = definition.audit?.(value, context);
            if (event)
              recordAuditEvent(tx, {
                action: definition.name,
                actorId: actorIdOf(authorized),
                ...event,
                createdAt: context.at,
              });
            return value;
          },
          { behavior: definition.behavior?.(input) ?? 'immediate' },
        ),
      ),
    );
    return { result, changes: definition.changes(result, input) };
  };
  const command = Object.assign(
    (actor: AnyActor | null | undefined, input: unknown, options?: CommandOptions & TOptions) =>
      execute(actor, input, options).result,
    {
      execute,
      commandName: definition.name,
      limit: definition.limit,
      schema: definition.schema,
    },
  );
  return command;
}

class Rehearsal<T> {
  constructor(readonly result: T) {}
}

/**
 * Runs commands for what they would do and then undoes them all: a dry run
 * that must see its own earlier steps (a history replay, version after
 * version). Nothing it does is committed.
 */
export function rehearse<T>(work: (db: Queryable) => T, db: Queryable = getDb()): T {
  try {
    withWritesAllowed(db, () =>
      db.transaction(
        (tx) => {
          throw new Rehearsal(work(tx));
        },
        { behavior: 'deferred' },
      ),
    );
  } catch (error) {
    if (error instanceof Rehearsal) return error.result as T;
    throw error;
  }
  throw new Error('unreachable: a rehearsal always rolls back');
}
