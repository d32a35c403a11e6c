'use server';

import { capNotice, problemParam } from '@/lib/next/form-state';
import { rotateFeedTokenInputOf, unwatchTargetInputOf, watchTargetInputOf } from '@/lib/next/form-inputs';
import { runButtonCommand } from '@/lib/next/command-adapters';
import { rotateFeedToken, unwatchTarget, watchTarget } from '@/lib/server/watches/watches';

/*
 * The Follow buttons sit on pages cached for everyone, so every outcome lands on /watchlist, the viewer's own page:
 * what is now followed, or why not (signed out: its sign-in prompt).
 */

export async function watchTargetAction(form: FormData): Promise<void> {
  await runButtonCommand(watchTarget, watchTargetInputOf(form), {
    done: (result) => `/watchlist?followed=${encodeURIComponent(capNotice(result.title))}`,
    problem: (error) => `/watchlist?${problemParam(error.message)}`,
  });
}

export async function unwatchTargetAction(form: FormData): Promise<void> {
  await runButtonCommand(unwatchTarget, unwatchTargetInputOf(form), {
    done: () => '/watchlist?unfollowed=1',
    problem: (error) => `/watchlist?${problemParam(error.message)}`,
  });
}

export async function rotateFeedTokenAction(form: FormData): Promise<void> {
  await runButtonCommand(rotateFeedToken, rotateFeedTokenInputOf(form), {
    done: (result) => `/watchlist?feed=${result.feed === 'revoke' ? 'revoked' : 'made'}`,
    problem: (error) => `/watchlist?${problemParam(error.message)}`,
  });
}
