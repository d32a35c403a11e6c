import { proposalStatuses } from '@/db/schema';
import type { ProposalRecord, UserSummary } from '@/lib/server/users/admin-users';

export function userLabel(user: Pick<UserSummary, 'id' | 'name' | 'email'>): string {
  return user.name ?? user.email ?? `user ${user.id}`;
}

export function ProposalRecordList({ record }: { record: ProposalRecord }) {
  return (
    <ul className="flex flex-wrap gap-x-4">
      {proposalStatuses.map((status) => (
        <li key={status}>
          {record[status]} {status}
        </li>
      ))}
    </ul>
  );
}
