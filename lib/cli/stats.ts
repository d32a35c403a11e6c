import { dataQualityToJson, getDataQuality, percentOf } from '../server/exports/data-quality';
import { openExistingDatabase } from './open-existing';
import { runCli } from './run';

/**
 * The figures of /about/data for the database at DATABASE_PATH, to compare
 * two databases (before and after a seed change, say) without a server.
 * `--json` prints the /api/v1/stats shape.
 */
runCli(() => {
  const args = process.argv.slice(2);
  const conn = openExistingDatabase();
  const quality = getDataQuality(conn.db);
  conn.sqlite.close();
  if (args.includes('--json')) {
    console.log(JSON.stringify(dataQualityToJson(quality), null, 2));
    return;
  }
  const { overall } = quality;
  const pct = (s: { count: number; of: number }) => `${s.count} of ${s.of} (${percentOf(s) ?? 0}%)`;
  console.log(conn.path);
  console.log(
    `  active meshes ${overall.meshes}, their releases ${overall.releases}, active rows ${overall.rows}, revisions ${overall.revisions}`,
  );
  console.log(`  cells known in the newest releases: ${pct(overall.cellsKnown)}`);
  console.log(`  values stale or carried over: ${pct(overall.stale)}; sourced: ${pct(overall.sourced)}`);
  console.log(
    `  values by release: ${overall.placement.named} named by their source, ${overall.placement.inferred} inferred from its date, ${overall.placement.dateLabelled} on a date label`,
  );
  for (const m of quality.meshes) {
    console.log(
      `  ${m.mesh.slug.padEnd(24)} ${m.newestRelease.label.padEnd(14)} known ${String(m.coverage.known).padStart(2)}/${m.coverage.rows}  stale ${pct(m.stale)}`,
    );
  }
});
