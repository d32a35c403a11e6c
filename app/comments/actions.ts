'use server';

import type { FormState } from '@/lib/next/form-state';
import { addCommentInputOf, hideCommentInputOf, unhideCommentInputOf } from '@/lib/next/form-inputs';
import { runFormCommand } from '@/lib/next/command-adapters';
import { addComment, hideComment, unhideComment } from '@/lib/server/comments/comments';

export async function addCommentAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(addComment, addCommentInputOf(form), ({ id, thread }) => `${thread.path}#comment-${id}`);
}

export async function hideCommentAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(hideComment, hideCommentInputOf(form), ({ id, thread }) => `${thread.path}#comment-${id}`);
}

export async function unhideCommentAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(unhideComment, unhideCommentInputOf(form), ({ id, thread }) => `${thread.path}#comment-${id}`);
}
