import 'server-only';
import { forbidden, unauthorized } from 'next/navigation';
import type { User } from '@/db/schema';
import { ForbiddenError, UnauthorizedError } from '../../rules/errors';
import { requireRole } from './session';

/** For pages: the same role check as actions and APIs, answered with Next's 401 or 403 page. */
export async function requirePageRole(role: 'moderator' | 'admin'): Promise<User> {
  try {
    return await requireRole(role);
  } catch (error) {
    if (error instanceof UnauthorizedError) unauthorized();
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}
