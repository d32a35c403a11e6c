/**
 * npm run bench:approvals -- http://127.0.0.1:PORT [count]
 *
 * Against a running server (demo sign-in on): alice proposes `count` changes to one mesh's newest release and mo
 * approves them one at a time; prints p50/p99/max and the slowest approvals, to find what makes the tail without a
 * full bench.
 */
import { percentile, timeProposalApprovals, type MatrixJson } from './support';

const base = process.argv[2] ?? '';
const count = Number(process.argv[3] ?? 100);
if (!base || !Number.isInteger(count) || count < 1) {
  console.error('usage: npm run bench:approvals -- http://127.0.0.1:PORT [count]');
  process.exit(2);
}
async function main() {
  const slug = ((await (await fetch(`${base}/api/v1/matrix`)).json()) as MatrixJson).meshes[0]!.slug;
  const times = await timeProposalApprovals(base, slug, count, `approval timing ${Date.now().toString(36)}`);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `${count} approvals: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
  );
  console.log(
    `slowest (index: ms): ${times
      .map((t, i) => [i, t] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([i, t]) => `${i}: ${t.toFixed(0)}`)
      .join(', ')}`,
  );
}

void main();
