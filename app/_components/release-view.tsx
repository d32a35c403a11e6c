import Link from 'next/link';
import type { MeshPage } from '@/lib/server/matrix/meshes';
import { formatDate, releasePath, userLinkRel } from '@/lib/rules/format';
import { sourceUrlProblem } from '@/lib/rules/sources';
import { HtmlOnce } from './html-once';
import { releaseTableHtml } from './matrix-html';
import { ModeratorLink } from './moderator-link';
import { WatchButton } from './watch-button';
import { TextAnchor, TextLink } from '@/app/_components/ui/text-link';

/** One mesh at one release: header, release switcher and list, then every row. */
export function ReleaseView({ page }: { page: MeshPage }) {
  const { mesh, version, versions, formerNames } = page;
  const isLatest = versions[0]?.id === version.id;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <p className="text-sm">
          <TextLink href="/meshes">Meshes</TextLink> <span aria-hidden="true">/</span> {mesh.name}
        </p>
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-bold">
          {mesh.name} <span className="text-lg font-normal text-slate-700 dark:text-slate-300">{version.label}</span>
          {mesh.status === 'archived' ? (
            <span className="rounded bg-slate-800 px-2 py-0.5 text-sm font-semibold text-white dark:bg-slate-200 dark:text-slate-900">
              Archived
            </span>
          ) : null}
        </h1>
        {mesh.status === 'archived' && mesh.statusNote ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {mesh.statusNote}
            {mesh.statusSourceUrl && sourceUrlProblem(mesh.statusSourceUrl) === null ? (
              <>
                {' '}
                (
                <a href={mesh.statusSourceUrl} className="underline" rel={userLinkRel}>
                  source
                </a>
                )
              </>
            ) : null}
          </p>
        ) : null}
        <p className="max-w-3xl">{mesh.description}</p>
        {formerNames.length ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Formerly known as {formerNames.map((f) => f.name).join(', ')}.
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <WatchButton target={{ mesh: mesh.slug }} label="Follow this mesh" name={mesh.name} />
          <TextAnchor href={`/changes/feed.xml?mesh=${encodeURIComponent(mesh.slug)}`} type="application/atom+xml">
            Atom feed of {mesh.name}
          </TextAnchor>
        </div>
        <ul className="flex flex-wrap gap-4 text-sm">
          {mesh.homepage ? (
            <li>
              <TextAnchor href={mesh.homepage}>Homepage</TextAnchor>
            </li>
          ) : null}
          {mesh.repository ? (
            <li>
              <TextAnchor href={mesh.repository}>Repository</TextAnchor>
            </li>
          ) : null}
        </ul>
      </div>

      <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
        <section aria-labelledby="releases-heading" className="space-y-3 lg:w-64 lg:shrink-0">
          <h2 id="releases-heading" className="text-lg font-semibold">
            Releases
          </h2>
          <form action={`/meshes/${mesh.slug}`} method="get" className="flex items-end gap-2">
            <div>
              <label htmlFor="version" className="block text-sm font-medium">
                Show release
              </label>
              <select
                id="version"
                name="version"
                defaultValue={version.label}
                className="mt-1 rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
              >
                {versions.map((v) => (
                  <option key={v.id} value={v.label}>
                    {v.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="rounded bg-blue-700 px-3 py-1 text-white hover:bg-blue-800">
              Show
            </button>
          </form>
          <ul className="space-y-1 text-sm">
            {versions.map((v) => (
              <li key={v.id}>
                <Link
                  href={releasePath(mesh.slug, v.label)}
                  aria-current={v.id === version.id ? 'page' : undefined}
                  className={`underline ${v.id === version.id ? 'font-bold' : 'text-blue-700 dark:text-blue-300'}`}
                >
                  {v.label}
                </Link>{' '}
                <span className="text-slate-700 dark:text-slate-300">
                  {v.releasedOn ? `released ${formatDate(v.releasedOn)}` : 'release date not given by a source'}
                </span>
                {page.versionNotes[v.id] ? (
                  <>
                    {' '}
                    <TextAnchor href={page.versionNotes[v.id]} rel={userLinkRel} className="text-xs">
                      release notes
                    </TextAnchor>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          {!isLatest ? <p className="text-sm">This is not the newest recorded release.</p> : null}
          {mesh.status === 'active' ? (
            <ul className="space-y-1 text-sm">
              <li>
                <TextAnchor
                  href={`/changesets/new?${new URLSearchParams({ mesh: mesh.slug, version: version.label })}`}
                >
                  Propose changes to this release
                </TextAnchor>
              </li>
              <li>
                <TextAnchor href={`/changesets/new?${new URLSearchParams({ mesh: mesh.slug, release: 'new' })}`}>
                  Propose a new release
                </TextAnchor>
              </li>
            </ul>
          ) : null}
          <ModeratorLink href={`/meshes/${mesh.slug}/manage`}>Manage releases and status</ModeratorLink>
          {versions.length > 1 ? (
            <p className="text-sm">
              <TextAnchor
                href={
                  isLatest
                    ? `/meshes/${mesh.slug}/compare`
                    : `/meshes/${mesh.slug}/compare?from=${encodeURIComponent(version.label)}&to=${encodeURIComponent(versions[0]!.label)}`
                }
              >
                {isLatest ? `What changed since ${versions[1]!.label}` : `What changed since ${version.label}`}
              </TextAnchor>
            </p>
          ) : null}
        </section>

        <section aria-labelledby="values-heading" className="min-w-0 flex-1 space-y-2">
          <h2 id="values-heading" className="text-lg font-semibold">
            Features of {mesh.name} {version.label}
          </h2>
          <HtmlOnce className="overflow-x-auto" html={releaseTableHtml(page)} />
        </section>
      </div>
    </div>
  );
}
