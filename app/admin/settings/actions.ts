'use server';

import type { FormState } from '@/lib/next/form-state';
import { setTrustThresholdInputOf } from '@/lib/next/form-inputs';
import { runFormCommand } from '@/lib/next/command-adapters';
import { setTrustThreshold } from '@/lib/server/settings/settings';

export async function setTrustThresholdAction(_previous: FormState, form: FormData): Promise<FormState> {
  return runFormCommand(setTrustThreshold, setTrustThresholdInputOf(form), () => '/admin/settings?done=threshold');
}
