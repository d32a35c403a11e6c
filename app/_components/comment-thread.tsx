import { getCurrentUser } from '@/lib/next/auth/session';
import { formatDate, userLinkRel } from '@/lib/rules/format';
import { linkifyText } from '@/lib/rules/linkify';
import { hasRole } from '@/lib/rules/permissions';
import { listComments, type CommentView, type CommentViewer } from '@/lib/server/comments/comments';
import { commentThreadPath, type CommentTargetInput } from '@/lib/server/comments/schemas';
import { AddCommentForm, ModerateCommentForm } from './comment-forms';
import { textLinkClass, TextAnchor } from './ui/text-link';

/** A comment's text with http(s) addresses as links; everything else is text React escapes. */
export function CommentBody({ body }: { body: string }) {
  return (
    <p className="break-words whitespace-pre-line">
      {linkifyText(body).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} rel={userLinkRel} className={textLinkClass}>
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}

function CommentItem({ comment, moderator }: { comment: CommentView; moderator: boolean }) {
  const when = (
    <time dateTime={comment.createdAt} className="text-sm text-slate-700 dark:text-slate-300">
      {formatDate(comment.createdAt)}
    </time>
  );
  if (!('body' in comment)) {
    return (
      <li id={`comment-${comment.id}`} className="rounded border border-slate-200 p-3 italic dark:border-slate-800">
        A comment was hidden by a moderator. {when}
      </li>
    );
  }
  return (
    <li
      id={`comment-${comment.id}`}
      className={`space-y-1 rounded border p-3 ${comment.hidden ? 'border-amber-400 dark:border-amber-700' : 'border-slate-200 dark:border-slate-800'}`}
    >
      <p className="text-sm">
        <strong>{comment.authorName ?? 'a contributor'}</strong>
        {comment.mine ? ' (you)' : ''}, {when}
      </p>
      {comment.hidden ? (
        <p className="rounded bg-amber-100 px-2 py-1 text-sm text-amber-950 dark:bg-amber-900/60 dark:text-amber-50">
          Hidden by a moderator: {comment.hiddenReason}
        </p>
      ) : null}
      <CommentBody body={comment.body} />
      {moderator ? <ModerateCommentForm id={comment.id} hidden={comment.hidden} /> : null}
    </li>
  );
}

/** The hidden fields that name a thread on the comment form. */
function threadFields(target: CommentTargetInput): Record<string, string> {
  return Object.fromEntries(
    Object.entries(target)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]) => [name, String(value)]),
  );
}

/**
 * A discussion thread (a proposal's, a changeset's, a cell's talk page, a row's) and its form. On a per-request page
 * it reads the viewer: their own hidden comments and, for moderators, every hidden one show with the reason, and
 * moderators get hide and unhide forms. `publicView` is for a page cached for everyone (the cell page): it shows
 * what an anonymous reader sees and links to the thread's own page for the form.
 */
export async function CommentThread({
  target,
  publicView = false,
  headingLevel = 2,
}: {
  target: CommentTargetInput;
  publicView?: boolean;
  headingLevel?: 2 | 3;
}) {
  const viewer: CommentViewer = publicView ? null : await getCurrentUser();
  const comments = listComments(target, viewer);
  const path = commentThreadPath(target);
  const moderator = hasRole(viewer, 'moderator');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="discussion-heading" id="discussion" className="space-y-3">
      <Heading id="discussion-heading" className="text-lg font-semibold">
        Discussion
      </Heading>
      {comments.length === 0 ? (
        <p>No comments yet.</p>
      ) : (
        <ol className="space-y-3">
          {comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} moderator={moderator} />
          ))}
        </ol>
      )}
      {publicView ? (
        <p>
          <TextAnchor href={path}>Join the discussion</TextAnchor>
        </p>
      ) : !viewer ? (
        <p>
          <TextAnchor href={`/signin?callbackUrl=${encodeURIComponent(path)}`}>Sign in to comment</TextAnchor>
        </p>
      ) : viewer.banned ? (
        <p>Your account is banned from commenting; it can still read everything.</p>
      ) : (
        <AddCommentForm hidden={threadFields(target)} />
      )}
    </section>
  );
}
