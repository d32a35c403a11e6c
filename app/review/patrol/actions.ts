'use server';

import { capNotice } from '@/lib/next/form-state';
import { patrolProposalInputOf } from '@/lib/next/form-inputs';
import { runButtonCommand } from '@/lib/next/command-adapters';
import { patrolProposal } from '@/lib/server/patrol/patrol';

function patrolWith(params: Record<string, string>): string {
  return `/review/patrol?${new URLSearchParams(Object.entries(params).map(([key, value]) => [key, capNotice(value)]))}`;
}

async function patrol(form: FormData, revert: boolean): Promise<void> {
  const input = patrolProposalInputOf(form, revert);
  const { id } = input;
  await runButtonCommand(patrolProposal, input, {
    done: () => patrolWith(revert ? { reverted: id } : { checked: id }),
    problem: (error) => patrolWith({ problem: error.message }),
  });
}

export async function markPatrolledAction(form: FormData): Promise<void> {
  await patrol(form, false);
}

export async function revertPatrolledAction(form: FormData): Promise<void> {
  await patrol(form, true);
}
