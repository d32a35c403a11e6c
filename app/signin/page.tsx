import type { Metadata } from 'next';
import { listEnabledProviders } from '@/lib/next/auth/options';
import { safeCallbackUrl } from '@/lib/next/auth/callback-url';
import { ProviderButton, DemoSignInForm } from './sign-in-forms';
import { Notice, QueryProblems } from '@/app/_components/ui/notice';
import { readQuery } from '@/lib/rules/query';
import { signInQuerySchema } from '@/lib/rules/page-queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

const errors: Record<string, string> = {
  CredentialsSignin: 'That demo account does not exist. Use alice, mo or ada.',
  OAuthSignin: 'The sign-in provider could not be reached. Try again.',
  OAuthCallback: 'The sign-in provider sent back an answer we could not accept. Try again.',
  AccessDenied: 'Sign-in was refused.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = readQuery(signInQuerySchema, await searchParams);
  const params = query.data ?? {};
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined);
  const error = typeof params.error === 'string' ? (errors[params.error] ?? 'Sign-in failed. Try again.') : null;
  const providers = listEnabledProviders();
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p>Reading needs no account. Sign in to propose changes to cells and follow your proposals.</p>
      <QueryProblems problems={query.problems} />
      {error ? (
        <Notice tone="problem" role="alert">
          {error}
        </Notice>
      ) : null}
      {providers.length === 0 ? (
        <p>
          No sign-in method is configured on this server. See the README for AUTH_GITHUB_*, AUTH_OIDC_* and AUTH_DEMO.
        </p>
      ) : (
        <ul className="space-y-4">
          {providers.map((provider) => (
            <li key={provider.id}>
              {provider.kind === 'demo' ? (
                <DemoSignInForm callbackUrl={callbackUrl} />
              ) : (
                <ProviderButton id={provider.id} name={provider.name} callbackUrl={callbackUrl} />
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Without JavaScript, use the{' '}
        <a href={`/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="underline">
          basic sign-in page
        </a>
        .
      </p>
    </div>
  );
}
