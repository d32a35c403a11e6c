/**
 * How a release and a cell are named in text: audit logs, import reports,
 * query strings (`?versions=istio@1.3`) and list keys. Built and read here
 * only, so the format has one home.
 */
/** A cell by its slugs, as pages and links name it. */
export interface CellRef {
  meshSlug: string;
  label: string;
  featureSlug: string;
}

export function releaseKey(mesh: string, label: string): string {
  return `${mesh}@${label}`;
}

export function cellKey(mesh: string, label: string, feature: string): string {
  return `${releaseKey(mesh, label)}/${feature}`;
}

/** `istio@1.3` → `{ mesh: 'istio', label: '1.3' }`; `istio` → label undefined. Slugs hold no `@`, so the first one splits. */
export function parseReleaseKey(key: string): { mesh: string; label: string | undefined } {
  const at = key.indexOf('@');
  return at === -1 ? { mesh: key, label: undefined } : { mesh: key.slice(0, at), label: key.slice(at + 1) };
}
