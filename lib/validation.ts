import { z } from 'zod';

export const slugSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens');

export const releaseLabelSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9.+_-]*$/, 'may contain letters, digits, dots, hyphens, underscores and plus signs');

function commaList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .optional()
    .transform((raw) => (raw ?? '').split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(item).max(50, 'at most 50 entries'));
}

const versionRefSchema = z
  .string()
  .regex(/^[^@]+@[^@]+$/, 'each entry must look like mesh@release, for example istio@1.3')
  .transform((ref) => {
    const [mesh, label] = ref.split('@') as [string, string];
    return { mesh, label };
  })
  .pipe(z.object({ mesh: slugSchema, label: releaseLabelSchema }));

/** `GET /api/v1/matrix?meshes=istio,linkerd&versions=istio@1.3` */
export const matrixQuerySchema = z.object({
  meshes: commaList(slugSchema),
  versions: commaList(versionRefSchema),
});

export type FieldErrors = Record<string, string[]>;

/** zod issues as `{field: [messages]}`, each message starting with the field name so it reads on its own. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : 'form';
    (result[field] ??= []).push(`${field} ${issue.message}`);
  }
  return result;
}

export function summarizeFieldErrors(fieldErrors: FieldErrors): string {
  return Object.values(fieldErrors).flat().join('; ');
}
