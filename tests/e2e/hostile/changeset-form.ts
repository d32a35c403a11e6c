import type Database from 'better-sqlite3';

interface RowValue {
  slug: string;
  kind: 'support' | 'text';
  revision_id: number | null;
  support: string | null;
  text: string | null;
  note: string | null;
}

/**
 * What the release form of app/changesets/changeset-form.tsx sends of itself for one release: every open row's
 * hidden current value and its fields as shown, read from the database the page reads. `proposed` starts a row with
 * a changeset's value (the revise form); `extra` adds the form's own hidden and pre-filled fields.
 */
export function releaseFormFields(
  sqlite: Database.Database,
  mesh: string,
  label: string,
  extra: Record<string, string>,
  proposed: Record<string, { support: string | null; text: string | null; note: string | null }> = {},
): Record<string, string> {
  const rows = sqlite
    .prepare(
      `SELECT f.slug, f.kind, r.id AS revision_id, r.support, r.text, r.note
         FROM features f
         JOIN categories c ON c.id = f.category_id
         LEFT JOIN cell_heads h ON h.feature_id = f.id AND h.mesh_version_id = (
           SELECT v.id FROM mesh_versions v JOIN meshes m ON m.id = v.mesh_id WHERE m.slug = ? AND v.label = ?)
         LEFT JOIN revisions r ON r.id = h.revision_id
        WHERE f.status = 'active' AND c.status = 'active'`,
    )
    .all(mesh, label) as RowValue[];
  const fields: Record<string, string> = { ...extra };
  for (const row of rows) {
    const name = (field: string) => `cells.${row.slug}.${field}`;
    const start = proposed[row.slug] ?? row;
    fields[name('base')] = row.revision_id === null ? '' : String(row.revision_id);
    fields[name('was.support')] = row.support ?? '';
    fields[name('was.text')] = row.text ?? '';
    fields[name('was.note')] = row.note ?? '';
    fields[name(row.kind === 'support' ? 'support' : 'text')] =
      (row.kind === 'support' ? start.support : start.text) ?? '';
    fields[name('note')] = start.note ?? '';
    fields[name('source')] = '';
  }
  return fields;
}

/** The shared fields of the form, as the page pre-fills them. */
export function changesetSharedFields(initial: {
  title: string;
  rationale: string;
  sources: { url: string; title: string | null }[];
}) {
  const fields: Record<string, string> = { title: initial.title, rationale: initial.rationale };
  for (let i = 0; i < 3; i++) {
    fields[`sources.${i}.url`] = initial.sources[i]?.url ?? '';
    fields[`sources.${i}.title`] = initial.sources[i]?.title ?? '';
  }
  return fields;
}
