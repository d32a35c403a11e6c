/**
 * npx tsx tests/bench/lighthouse-cli.ts http://127.0.0.1:3000 [path ...]
 *
 * Lighthouse against a running server: the given paths, or `/`, a mesh page, a cell page and `/changes` found through
 * the server's own JSON API. Prints the scores and writes them to bench/lighthouse.json.
 */
import fs from 'node:fs';
import { printLighthouse, runLighthouse, type LighthouseTarget } from './lighthouse';

/** The bench's four public page kinds, with a mesh and a cell taken from the matrix the server shows. */
async function findDefaultTargets(base: string): Promise<LighthouseTarget[]> {
  const response = await fetch(new URL('/api/v1/matrix', base));
  if (!response.ok) throw new Error(`GET /api/v1/matrix: HTTP ${response.status}`);
  const matrix = (await response.json()) as {
    meshes: { slug: string; version: { label: string } }[];
    categories: { features: { slug: string }[] }[];
  };
  const mesh = matrix.meshes[0];
  const feature = matrix.categories[0]?.features[0];
  if (!mesh || !feature) throw new Error('the matrix has no mesh or no row');
  const release = encodeURIComponent(mesh.version.label);
  return [
    { name: 'matrix', path: '/' },
    { name: 'mesh', path: `/meshes/${mesh.slug}` },
    { name: 'cell', path: `/meshes/${mesh.slug}/${release}/${feature.slug}` },
    { name: 'changes', path: '/changes' },
  ];
}

async function main() {
  const [base, ...paths] = process.argv.slice(2);
  if (!base || !/^https?:\/\//.test(base)) {
    console.error('usage: npx tsx tests/bench/lighthouse-cli.ts http://127.0.0.1:3000 [path ...]');
    process.exit(2);
  }
  const targets = paths.length > 0 ? paths.map((path) => ({ name: path, path })) : await findDefaultTargets(base);
  const results = await runLighthouse(base, targets);
  printLighthouse(results);
  fs.mkdirSync('bench', { recursive: true });
  fs.writeFileSync('bench/lighthouse.json', `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
