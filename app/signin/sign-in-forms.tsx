'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';

export function ProviderButton({ id, name, callbackUrl }: { id: string; name: string; callbackUrl: string }) {
  return (
    <button
      type="button"
      onClick={() => signIn(id, { callbackUrl })}
      className="w-full rounded bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300"
    >
      Sign in with {name}
    </button>
  );
}

export function DemoSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [username, setUsername] = useState('alice');
  return (
    <form
      className="space-y-2 rounded border border-slate-300 p-4 dark:border-slate-700"
      onSubmit={(event) => {
        event.preventDefault();
        void signIn('demo', { username, callbackUrl });
      }}
    >
      <h2 className="font-semibold">Demo account (local use)</h2>
      <p className="text-sm">alice is a contributor, mo a moderator, ada an admin.</p>
      <label htmlFor="demo-username" className="block text-sm font-medium">
        Username
      </label>
      <input
        id="demo-username"
        name="username"
        value={username}
        onChange={(event) => setUsername(event.target.value)}
        autoComplete="username"
        className="w-full rounded border border-slate-400 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
      />
      <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
        Sign in with the demo account
      </button>
    </form>
  );
}
