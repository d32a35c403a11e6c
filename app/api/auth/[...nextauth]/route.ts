import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/next/auth/options';
import { errorResponse, methodNotAllowed } from '@/lib/next/http';
import { limitSignIn } from '@/lib/next/rate-limits';

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request from the environment, so nothing about providers is fixed at build time.
function handler(request: NextRequest, context: Context) {
  return NextAuth(request, context, getAuthOptions());
}

/**
 * A sign-in attempt counts against the address and the account name typed: a provider's callback (`/api/auth/callback/…`,
 * GET from an identity provider, POST from the demo form) or a POST that starts one (`/api/auth/signin/…`).
 */
async function signInAttempt(request: NextRequest, context: Context) {
  const [step] = (await context.params).nextauth;
  if (step === 'callback' || (step === 'signin' && request.method === 'POST')) {
    try {
      const form = request.headers.get('content-type')?.includes('form') ? await request.clone().formData() : null;
      const account = form?.get('username');
      limitSignIn(request.headers, typeof account === 'string' ? account : null);
    } catch (error) {
      return errorResponse(error, request);
    }
  }
  return handler(request, context);
}

export { signInAttempt as GET, signInAttempt as POST };

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET', 'POST']);
