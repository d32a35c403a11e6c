import { TextLink } from '@/app/_components/ui/text-link';
export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p>
        There is no mesh, release or row at this address. It may have been mistyped, or the release may not be recorded
        yet.
      </p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          <TextLink href="/">Back to the comparison matrix</TextLink>
        </li>
        <li>
          <TextLink href="/meshes">All meshes and their releases</TextLink>
        </li>
      </ul>
    </div>
  );
}
