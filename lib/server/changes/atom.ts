import type { ChangeEntry, ChangeValue } from './changes';
import { escapeHtml as escape } from '../../rules/escape-html';
import { cellPath, releasePath } from '../../rules/format';
import type { WatchlistItem } from '../../rules/watchlist';

function describe(value: ChangeValue | null, kind: 'support' | 'text'): string {
  if (!value) return 'nothing';
  const main = kind === 'text' || value.support === null ? (value.text ?? '') : value.support;
  return value.note ? `${main} (${value.note})` : main;
}

export function changeTitle(entry: ChangeEntry): string {
  if (entry.type === 'release') return `${entry.mesh.name} ${entry.label} added`;
  const verb = entry.kind === 'revert' ? 'reverted to' : 'now';
  return `${entry.feature.name} in ${entry.mesh.name} ${entry.label}: ${verb} ${describe(entry.after, entry.feature.kind)} (was ${describe(entry.before, entry.feature.kind)})`;
}

/** An Atom 1.0 feed of recent changes; `siteUrl` makes every link absolute as feed readers need. */
export function renderAtomFeed(
  entries: ChangeEntry[],
  options: { siteUrl: string; selfPath: string; title: string },
): string {
  const site = options.siteUrl.replace(/\/$/, '');
  const updated = entries[0]?.at ?? new Date(0).toISOString();
  const items = entries.map((entry) => {
    const link = `${site}${entry.type === 'release' ? releasePath(entry.mesh.slug, entry.label) : cellPath(entry.mesh.slug, entry.label, entry.feature.slug)}`;
    const people =
      entry.type === 'revision' ? [...new Set([entry.authorName, entry.approverName].filter(Boolean))] : [];
    const sources =
      entry.type === 'revision'
        ? `<p>Sources:</p><ul>${entry.after.sources.map((s) => `<li><a href="${escape(s.url)}">${escape(s.title ?? s.url)}</a></li>`).join('')}</ul>`
        : '';
    const body =
      entry.type === 'revision'
        ? `<p>${escape(changeTitle(entry))}</p>${entry.publishedWithoutReview ? "<p>Published without review: a trusted contributor's change, checked by a moderator afterwards.</p>" : ''}${entry.reason ? `<p>${escape(entry.reason)}</p>` : ''}${sources}`
        : `<p>${escape(changeTitle(entry))}</p>`;
    return [
      '  <entry>',
      `    <id>${escape(`${site}/changes#${entry.id}`)}</id>`,
      `    <title>${escape(changeTitle(entry))}</title>`,
      `    <updated>${entry.at}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escape(link)}"/>`,
      `    <author><name>${escape(people.join(', ') || 'Mesh Matrix')}</name></author>`,
      `    <content type="html">${escape(body)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return atomDocument(items, { ...options, site, updated });
}

/** The feed element around its entries: title, id, self and alternate links, the data's licence. */
function atomDocument(
  items: string[],
  options: { site: string; selfPath: string; title: string; updated: string; alternatePath?: string },
): string {
  const { site } = options;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${escape(options.title)}</title>`,
    `  <id>${escape(`${site}${options.selfPath}`)}</id>`,
    `  <updated>${options.updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escape(`${site}${options.selfPath}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escape(`${site}${options.alternatePath ?? '/changes'}`)}"/>`,
    '  <rights>Data includes servicemesh.es (INNOQ), CC BY 4.0; every value lists its sources.</rights>',
    ...items,
    '</feed>',
    '',
  ].join('\n');
}

/**
 * A user's private watchlist as Atom. Entry ids are the site's watchlist item ids, not the feed's secret URL, so
 * replacing the secret does not make a reader show everything again.
 */
export function renderWatchlistFeed(
  items: WatchlistItem[],
  options: { siteUrl: string; selfPath: string; title: string },
): string {
  const site = options.siteUrl.replace(/\/$/, '');
  const updated = items[0]?.at ?? new Date(0).toISOString();
  const entries = items.map((item) =>
    [
      '  <entry>',
      `    <id>${escape(`${site}/watchlist#${item.id}`)}</id>`,
      `    <title>${escape(item.summary)}</title>`,
      `    <updated>${item.at}</updated>`,
      `    <category term="${escape(item.kind)}"/>`,
      `    <link rel="alternate" type="text/html" href="${escape(`${site}${item.url}`)}"/>`,
      '    <author><name>Mesh Matrix</name></author>',
      `    <content type="html">${escape(`<p>${escape(item.summary)}</p>`)}</content>`,
      '  </entry>',
    ].join('\n'),
  );
  return atomDocument(entries, {
    site,
    selfPath: options.selfPath,
    title: options.title,
    updated,
    alternatePath: '/watchlist',
  });
}
