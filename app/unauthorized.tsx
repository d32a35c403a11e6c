import { TextLink } from '@/app/_components/ui/text-link';
export default function Unauthorized() {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12">
      <h1 className="text-2xl font-bold">Sign in to continue</h1>
      <p>This page is for moderators and admins.</p>
      <p>
        <a href="/signin" className="inline-block rounded bg-blue-700 px-4 py-2 font-medium text-white no-underline">
          Sign in
        </a>{' '}
        or <TextLink href="/">go back to the matrix</TextLink>.
      </p>
    </div>
  );
}
