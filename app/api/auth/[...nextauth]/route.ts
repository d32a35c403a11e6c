import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/next/auth/options';
import { methodNotAllowed } from '@/lib/next/http';

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request from the environment, so nothing about providers is fixed at build time.
function handler(request: NextRequest, context: Context) {
  return NextAuth(request, context, getAuthOptions());
}

export { handler as GET, handler as POST };

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(['GET', 'POST']);
