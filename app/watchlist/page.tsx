import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { runPageCommand } from '@/lib/next/command-adapters';
import { getCurrentUser } from '@/lib/next/auth/session';
import { formatDate } from '@/lib/rules/format';
import { readQuery } from '@/lib/rules/query';
import { WATCHLIST_DAYS, WATCHLIST_MAX_ITEMS, type WatchlistItemKind } from '@/lib/rules/watchlist';
import { parseEnv } from '@/lib/server/env';
import { watchlistPageQuerySchema } from '@/lib/server/watches/schemas';
import { listWatches, markWatchlistSeen } from '@/lib/server/watches/watches';
import { readWatchlist } from '@/lib/server/watches/watchlist';
import { ButtonForm } from '@/app/_components/ui/button-form';
import { Cell, DataTable, RowHeader } from '@/app/_components/ui/data-table';
import { Notice, OutcomeNotice, QueryProblems } from '@/app/_components/ui/notice';
import { TextAnchor, TextLink } from '@/app/_components/ui/text-link';
import { rotateFeedTokenAction, unwatchTargetAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Watchlist' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const kindLabels: Record<WatchlistItemKind, string> = {
  change: 'Change',
  release: 'New release',
  proposal: 'Proposal',
  comment: 'Comment',
  decision: 'Decision',
};

function outcome(params: { followed?: string; unfollowed?: string; feed?: string }): string | null {
  if (params.followed) return `You follow ${params.followed}. Following it again changes nothing.`;
  if (params.unfollowed) return 'Unfollowed.';
  if (params.feed === 'made') return 'Your private feed has a new address; any earlier one no longer works.';
  if (params.feed === 'revoked') return 'Your private feed is turned off; its address no longer works.';
  return null;
}

/** Where the site is reached from, for the feed URL to copy. */
async function siteOrigin(): Promise<string> {
  const configured = parseEnv().SITE_URL;
  if (configured) return configured.replace(/\/$/, '');
  const requestHeaders = await headers();
  const host = requestHeaders.get('host') ?? 'localhost';
  const proto = requestHeaders.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}

export default async function WatchlistPage({ searchParams }: Props) {
  const query = readQuery(watchlistPageQuerySchema, await searchParams);
  const params = query.data ?? {};
  const user = await getCurrentUser();
  if (!user) {
    return (
      <div className="max-w-3xl space-y-4">
        <h1 className="text-2xl font-bold">Watchlist</h1>
        <OutcomeNotice problem={params.problem ?? null} />
        <p>
          <TextAnchor href="/signin?callbackUrl=%2Fwatchlist">Sign in</TextAnchor> to follow meshes, rows and cells and
          see here what changed on them since your last visit.
        </p>
      </div>
    );
  }
  // Read against the previous visit, then record this one: what is shown as new now is read next time.
  const watchlist = readWatchlist(user);
  await runPageCommand(markWatchlistSeen, {});
  const watches = listWatches(user.id);
  const feedUrl = user.feedToken ? `${await siteOrigin()}/watchlist/feed/${user.feedToken}` : null;
  return (
    <div className="max-w-4xl space-y-8">
      <h1 className="text-2xl font-bold">Watchlist</h1>
      <QueryProblems problems={query.problems} />
      <OutcomeNotice done={outcome(params)} problem={params.problem ?? null} />
      {user.banned ? (
        <Notice tone="warning">
          This account is banned: it can read its watchlist and unfollow, but not follow anything new.
        </Notice>
      ) : null}

      <section aria-labelledby="changes-heading" className="space-y-3">
        <h2 id="changes-heading" className="text-lg font-semibold">
          What changed
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Approved changes, new releases, proposals and comments on what you follow, and decisions on your own
          proposals, newest first: the last {WATCHLIST_DAYS} days, at most {WATCHLIST_MAX_ITEMS} items.{' '}
          {user.watchlistSeenAt
            ? `${watchlist.unread} new since your last visit on ${formatDate(user.watchlistSeenAt)}.`
            : 'Everything is new on your first visit.'}
        </p>
        {watchlist.truncated ? (
          <Notice tone="info">More happened than fits here: only the newest {WATCHLIST_MAX_ITEMS} are shown.</Notice>
        ) : null}
        {watchlist.items.length === 0 ? (
          <p>Nothing has changed on what you follow in the last {WATCHLIST_DAYS} days.</p>
        ) : (
          <ol className="space-y-2" aria-label="What changed, newest first">
            {watchlist.items.map((item) => (
              <li
                key={item.id}
                id={item.id}
                className={`rounded border p-3 ${item.unread ? 'border-sky-500 bg-sky-50 dark:border-sky-400 dark:bg-sky-950' : 'border-slate-200 dark:border-slate-800'}`}
              >
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  {item.unread ? (
                    <span className="rounded bg-sky-700 px-1.5 text-xs font-semibold text-white">New</span>
                  ) : null}
                  <span className="font-medium">{kindLabels[item.kind]}</span>
                  <time dateTime={item.at}>{formatDate(item.at)}</time>
                </p>
                <p>
                  <TextLink href={item.url} prefetch={false}>
                    {item.summary}
                  </TextLink>
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="follows-heading" className="space-y-3">
        <h2 id="follows-heading" className="text-lg font-semibold">
          What you follow
        </h2>
        {watches.length === 0 ? (
          <p>
            You follow nothing yet. Use &ldquo;Follow&rdquo; on a mesh&rsquo;s page or on a cell&rsquo;s page (for the
            cell or its row).
          </p>
        ) : (
          <div className="overflow-x-auto">
            <DataTable caption="What you follow" columns={['What', 'Kind', 'Since', 'Action']}>
              {watches.map((watch) => (
                <tr key={watch.id}>
                  <RowHeader>
                    <TextLink href={watch.url} prefetch={false}>
                      {watch.title}
                    </TextLink>
                  </RowHeader>
                  <Cell>{watch.kind}</Cell>
                  <Cell>
                    <time dateTime={watch.createdAt}>{formatDate(watch.createdAt)}</time>
                  </Cell>
                  <Cell>
                    <ButtonForm
                      action={unwatchTargetAction}
                      hidden={{ id: String(watch.id) }}
                      label="Unfollow"
                      name={watch.title}
                    />
                  </Cell>
                </tr>
              ))}
            </DataTable>
          </div>
        )}
      </section>

      <section aria-labelledby="feed-heading" id="feed" className="space-y-3">
        <h2 id="feed-heading" className="text-lg font-semibold">
          Private feed
        </h2>
        <p>
          An Atom feed of this watchlist for your feed reader. Its address is a secret: anyone who has it can read what
          you follow. Replace it to make the old address stop working, or revoke it.
        </p>
        {feedUrl ? (
          <>
            <p>
              <label htmlFor="feed-url" className="block text-sm font-medium">
                Your feed address
              </label>
              <input
                id="feed-url"
                readOnly
                value={feedUrl}
                className="mt-1 w-full rounded border border-slate-400 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900"
              />
            </p>
            <div className="flex flex-wrap gap-3">
              {user.banned ? null : (
                <ButtonForm
                  action={rotateFeedTokenAction}
                  hidden={{ feed: 'replace' }}
                  label="Replace feed address"
                  name="of your watchlist"
                />
              )}
              <ButtonForm
                action={rotateFeedTokenAction}
                hidden={{ feed: 'revoke' }}
                label="Revoke feed address"
                name="of your watchlist"
                tone="warn"
              />
            </div>
          </>
        ) : user.banned ? null : (
          <ButtonForm
            action={rotateFeedTokenAction}
            hidden={{ feed: 'replace' }}
            label="Make a private feed address"
            name="for your watchlist"
          />
        )}
      </section>
    </div>
  );
}
