/**
 * npm run bench:approvals -- http://127.0.0.1:PORT [count]
 *
 * Against a running server (demo sign-in on): alice proposes `count` changes to one mesh's newest release and mo
 * approves them one at a time; prints p50/p99/max and the slowest approvals, to find what makes the tail without a
 * full bench.
 */
import { percentile, postJson, signIn, type MatrixJson } from './support';

const base = process.argv[2] ?? '';
const count = Number(process.argv[3] ?? 100);
if (!base || !Number.isInteger(count) || count < 1) {
  console.error('usage: npm run bench:approvals -- http://127.0.0.1:PORT [count]');
  process.exit(2);
}
async function main() {
  const run = Date.now().toString(36);
  const alice = await signIn(base, 'alice');
  const mo = await signIn(base, 'mo');
  const slug = ((await (await fetch(`${base}/api/v1/matrix`)).json()) as MatrixJson).meshes[0]!.slug;
  const matrix = (await (await fetch(`${base}/api/v1/matrix?meshes=${slug}`)).json()) as MatrixJson;
  const label = matrix.meshes[0]!.version.label;
  const rows = matrix.categories.flatMap((c) => c.features).filter((f) => f.kind === 'support');
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows[i % rows.length]!;
    const response = await postJson(base, alice, '/api/v1/proposals', {
      mesh: slug,
      version: label,
      feature: row.slug,
      support: i % 2 ? 'yes' : 'partial',
      note: `approval timing ${run} ${i}`,
      sources: [{ url: `https://example.org/approvals/${i}` }],
      rationale: 'benchmark',
      baseRevisionId: matrix.cells[slug]?.[row.slug]?.revisionId ?? null,
    });
    if (response.status !== 201) throw new Error(`proposal ${i}: HTTP ${response.status} ${await response.text()}`);
    ids.push(((await response.json()) as { id: number }).id);
  }
  const times: number[] = [];
  for (const id of ids) {
    const start = performance.now();
    const response = await postJson(base, mo, `/api/v1/proposals/${id}/approve`, { overConflict: true });
    times.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`approve ${id}: HTTP ${response.status} ${await response.text()}`);
  }
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
