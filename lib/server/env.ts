import { z } from 'zod';
import { DEFAULT_DATABASE_PATH } from '@/db/client';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? Number(value) : fallback))
    .pipe(
      z.number({ error: 'must be a whole number' }).int('must be a whole number').positive('must be greater than 0'),
    );

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_PATH: z.string().trim().min(1, 'must not be empty').default(DEFAULT_DATABASE_PATH),
    SITE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://meshmatrix.example' })
      .optional(),
    NEXTAUTH_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://meshmatrix.example' })
      .optional(),
    NEXTAUTH_SECRET: optionalText,
    AUTH_DEMO: z
      .enum(['', '0', '1'], { error: 'must be 1 (demo accounts on) or 0' })
      .optional()
      .transform((value) => value === '1'),
    AUTH_GITHUB_ID: optionalText,
    AUTH_GITHUB_SECRET: optionalText,
    AUTH_OIDC_ISSUER: z
      .url({ protocol: /^https?$/, error: 'must be the http(s) issuer URL of the OpenID Connect provider' })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    AUTH_OIDC_ID: optionalText,
    AUTH_OIDC_SECRET: optionalText,
    AUTH_OIDC_NAME: optionalText,
    ADMIN_EMAILS: z
      .string()
      .optional()
      .transform((raw) =>
        (raw ?? '')
          .split(',')
          .map((email) => email.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.email({ error: 'must be a comma-separated list of email addresses' }))),
    PROPOSAL_MAX_PENDING: positiveInt(20),
    PROPOSAL_MAX_PER_HOUR: positiveInt(30),
    /** Comments one account may write in an hour. */
    COMMENT_MAX_PER_HOUR: positiveInt(30),
    /** Sign-in attempts per client address, and per account name, in 15 minutes. */
    RATE_LIMIT_SIGN_IN: positiveInt(10),
    /** Submissions (proposals, withdrawals; comments and watches when they come) per address and per account per minute. */
    RATE_LIMIT_WRITES_PER_MINUTE: positiveInt(20),
    /** Renders that bypass the page cache (filters, as-of dates, compare, exports with parameters) per address per minute. */
    RATE_LIMIT_UNCACHED_PER_MINUTE: positiveInt(30),
    /** The same renders per second from everyone together, so cached pages keep their share of the server. */
    RATE_LIMIT_UNCACHED_GLOBAL_PER_SECOND: positiveInt(2),
    TRUSTED_PROXY: z
      .enum(['', '0', '1'], { error: 'must be 1 (a reverse proxy in front sets X-Forwarded-For/-Host) or 0' })
      .optional()
      .transform((value) => value === '1'),
  })
  .superRefine((env, ctx) => {
    const pairs: [string, (keyof typeof env)[]][] = [
      ['GitHub sign-in', ['AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET']],
      ['OpenID Connect sign-in', ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_ID', 'AUTH_OIDC_SECRET']],
    ];
    for (const [what, keys] of pairs) {
      const set = keys.filter((key) => env[key]);
      if (set.length > 0 && set.length < keys.length) {
        for (const key of keys.filter((k) => !env[k])) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `must be set too, for ${what} (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set)`,
          });
        }
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses the environment; a bad variable is reported by name in one line. */
const envKeys = Object.keys(envSchema.shape);
let lastParsed: { key: string; env: Env } | undefined;

/**
 * The environment, parsed. The proxy asks on every request, so the last answer is kept while the variables it reads
 * are unchanged (tests change them between calls).
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const key = envKeys.map((name) => source[name] ?? '\u0001').join('\u0000');
  if (lastParsed?.key === key) return lastParsed.env;
  const env = parseEnvUncached(source);
  lastParsed = { key, env };
  return env;
}

function parseEnvUncached(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new EnvError(`Invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Checks that only matter for a production server; returns warnings, throws on errors. */
export function checkProductionEnv(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  if (!env.NEXTAUTH_SECRET) {
    throw new EnvError(
      'NEXTAUTH_SECRET must be set in production: it signs session tokens (generate one with `openssl rand -base64 32`)',
    );
  }
  return env.AUTH_DEMO
    ? [
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        '!! WARNING: AUTH_DEMO=1 on a production server. Anyone can sign in as the  !!',
        '!! demo admin "ada" or moderator "mo" without a password. Local use only.  !!',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      ]
    : [];
}
