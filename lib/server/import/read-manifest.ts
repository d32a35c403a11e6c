import fs from 'node:fs';
import path from 'node:path';
import { readTableFile } from '../../rules/tables/table-file';
import { sourceUrlProblem } from '../../rules/sources';
import { OperationError } from '../operations';
import { publishedAtSchema } from './schemas';

export interface ManifestVersion {
  file: string;
  url: string;
  committedAt: string;
  table: string;
}

/**
 * A history manifest: a JSON array of `{file, url, committedAt}` (other fields
 * ignored), `file` relative to the manifest. Every mistake names the manifest
 * and the version, and all of them are found before anything is imported.
 */
export function readManifest(
  manifestPath: string,
  fileProblem: (file: string) => string | null = () => null,
): ManifestVersion[] {
  const file = path.resolve(manifestPath);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new OperationError(`manifest ${manifestPath} does not exist`);
  let entries: unknown;
  try {
    entries = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new OperationError(
      `manifest ${manifestPath} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!Array.isArray(entries))
    throw new OperationError(`manifest ${manifestPath} must be a JSON array of {file, url, committedAt}`);
  if (entries.length === 0) throw new OperationError(`manifest ${manifestPath} lists no versions`);
  const dir = path.dirname(file);
  const problems: string[] = [];
  const versions: ManifestVersion[] = [];
  entries.forEach((entry: unknown, index) => {
    const where = (name: unknown) =>
      `${manifestPath}, version ${index + 1}${typeof name === 'string' && name ? ` (${name})` : ''}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where(null)}: must be an object with file, url and committedAt`);
      return;
    }
    const { file: name, url, committedAt } = entry as Record<string, unknown>;
    const before = problems.length;
    if (typeof name !== 'string' || !name.trim()) problems.push(`${where(null)}: file is required`);
    if (typeof url !== 'string' || !url.trim()) problems.push(`${where(name)}: url is required`);
    else {
      const problem = sourceUrlProblem(url.trim());
      if (problem) problems.push(`${where(name)}: url ${problem}`);
    }
    const when = publishedAtSchema.safeParse(committedAt);
    if (!when.success) problems.push(`${where(name)}: committedAt ${when.error.issues[0]!.message}`);
    if (typeof name !== 'string' || !name.trim()) return;
    const versionFile = path.resolve(dir, name);
    if (!fs.existsSync(versionFile) || !fs.statSync(versionFile).isFile()) {
      problems.push(`${where(name)}: file ${name} does not exist`);
      return;
    }
    const tooLarge = fileProblem(versionFile);
    if (tooLarge) problems.push(`${where(name)}: ${tooLarge}`);
    const read = tooLarge ? null : readTableFile(fs.readFileSync(versionFile));
    if (read && 'problem' in read) problems.push(`${where(name)}: file ${name} ${read.problem}`);
    if (problems.length > before || !read || 'problem' in read) return;
    versions.push({ file: name, url: (url as string).trim(), committedAt: committedAt as string, table: read.text });
  });
  if (problems.length) throw new OperationError(problems.join('\n'));
  return versions;
}
