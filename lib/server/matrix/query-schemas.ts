import { z } from 'zod';
import { parseReleaseKey } from '../../rules/cell-keys';
import {
  asOfDateSchema,
  blankToNull,
  commaList,
  commaSeparated,
  releaseLabelSchema,
  slugSchema,
} from '../../rules/validation';

const versionRefSchema = z
  .string()
  .regex(/^[^@]+@[^@]+$/, 'each entry must look like mesh@release, for example istio@1.3')
  .transform((ref) => {
    const { mesh, label } = parseReleaseKey(ref);
    return { mesh, label: label! };
  })
  .pipe(z.object({ mesh: slugSchema, label: releaseLabelSchema }));

/** `GET /api/v1/matrix?meshes=istio,linkerd&versions=istio@1.3` */
export const matrixQuerySchema = z
  .object({
    meshes: commaList(slugSchema),
    versions: commaList(versionRefSchema),
    at: z.preprocess(blankToNull, asOfDateSchema().optional()),
  })
  .strict();

/** `/?at=2021-06-01&need=mtls,circuit-breaking&partial=1&q=retry`, the shareable matrix view. */
export function matrixViewQuerySchema(today?: Date) {
  return z
    .object({
      at: z.preprocess(blankToNull, asOfDateSchema(today).nullish()),
      need: commaList(slugSchema),
      partial: z.enum(['0', '1'], { error: 'must be 1 or 0' }).optional(),
      q: z.preprocess(blankToNull, z.string().trim().max(100, 'must be at most 100 characters').nullish()),
      columns: z.preprocess(
        blankToNull,
        z.coerce
          .number({ error: 'must be a page number' })
          .int('must be a whole page number')
          .min(1, 'must be 1 or more')
          .max(999, 'must be at most 999')
          .nullish(),
      ),
      sparse: z.enum(['0', '1'], { error: 'must be 1 or 0' }).optional(),
    })
    .strict();
}

/** The matrix filter form's row checkboxes send one `need` per ticked row; `need=a,b` reads the same. */
export const matrixViewListParams = ['need'] as const;

export type MatrixViewQuery = z.infer<ReturnType<typeof matrixViewQuerySchema>>;

/** `/compare?meshes=istio@1.9,linkerd,cilium&differ=1`: two to six meshes, each optionally at a release. */
export const compareQuerySchema = z
  .object({
    meshes: commaSeparated('is required: name two to six meshes, for example istio,linkerd').pipe(
      z
        .array(
          z
            .string()
            .regex(
              /^[a-z0-9-]+(@[A-Za-z0-9.+_-]+)?$/,
              'each entry must be a mesh slug, optionally with @release, for example istio@1.9',
            )
            .transform((ref) => {
              return parseReleaseKey(ref);
            }),
        )
        .min(2, 'must name at least two meshes')
        .max(6, 'can name at most six meshes'),
    ),
    differ: z.enum(['0', '1'], { error: 'must be 1 or 0' }).optional(),
  })
  .strict();

/** The matrix's "compare" checkboxes send one `meshes` per ticked column; `meshes=a,b` reads the same. */
export const compareListParams = ['meshes'] as const;

export const csvQuerySchema = z.object({ meshes: commaList(slugSchema) }).strict();

/** `/needs-checking?mesh=istio`: one mesh's list; blank (the filter form's "all meshes") means every mesh. */
export const needsCheckingQuerySchema = z.object({ mesh: z.preprocess(blankToNull, slugSchema.nullish()) }).strict();

/**
 * `/changes?mesh=istio&category=security&page=2`: the view itself names a mesh or category it does not list (and shows
 * every one), so only the parameters are checked here.
 */
export const changesQuerySchema = z
  .object({ mesh: z.string().optional(), category: z.string().optional(), page: z.string().optional() })
  .strict();

/**
 * `/changes/feed.xml?mesh=istio`, a row's `?feature=mtls` or a cell's `?mesh=istio&version=1.24&feature=mtls`; a mesh,
 * release or row we do not list is a 404, as for any feed URL that names nothing.
 */
export const feedQuerySchema = z
  .object({
    mesh: z.preprocess(blankToNull, z.string().nullish()),
    version: z.preprocess(blankToNull, z.string().nullish()),
    feature: z.preprocess(blankToNull, z.string().nullish()),
  })
  .strict();

/** `/api/v1/stats` takes no parameters; any given is refused by name like elsewhere in the API. */
export const statsQuerySchema = z.object({}).strict();

export const releaseDiffQuerySchema = z
  .object({
    from: z.preprocess(blankToNull, releaseLabelSchema.nullish()),
    to: z.preprocess(blankToNull, releaseLabelSchema.nullish()),
  })
  .strict();
