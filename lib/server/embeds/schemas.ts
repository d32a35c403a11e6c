import { z } from 'zod';
import { commaSeparated, slugSchema } from '../../rules/validation';

/** `/embed/meshes/{slug}` takes no parameters; any given is refused by name, as elsewhere. */
export const embedMeshQuerySchema = z.object({}).strict();

/** `/badge/{mesh}/{feature}.svg` takes no parameters either. */
export const badgeQuerySchema = z.object({}).strict();

/** `/embed/compare?meshes=istio,linkerd,cilium`: two to six meshes, each once, shown at their newest releases. */
export const embedCompareQuerySchema = z
  .object({
    meshes: commaSeparated('is required: name two to six meshes, for example istio,linkerd').pipe(
      z
        .array(slugSchema)
        .min(2, 'must name at least two meshes')
        .max(6, 'can name at most six meshes')
        .refine((slugs) => new Set(slugs).size === slugs.length, 'must name each mesh once'),
    ),
  })
  .strict();

/** Path segments: `/embed/meshes/{slug}`, `/badge/{mesh}/{feature}.svg` (for the API description). */
export const embedPathSchemas = {
  slug: slugSchema,
  mesh: slugSchema,
  feature: slugSchema,
};

export type EmbedCompareQuery = z.output<typeof embedCompareQuerySchema>;
