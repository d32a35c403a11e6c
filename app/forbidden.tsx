import { TextLink } from '@/app/_components/ui/text-link';
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12">
      <h1 className="text-2xl font-bold">Not allowed</h1>
      <p>This page is for moderators and admins. Your account does not have that role.</p>
      <p>
        <TextLink href="/">Back to the comparison matrix</TextLink>
      </p>
    </div>
  );
}
