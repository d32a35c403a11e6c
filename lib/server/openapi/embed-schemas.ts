import { z } from 'zod';
import { releaseLabelSchema, slugSchema } from '../../rules/validation';

/*
 * The queries and path segments of the embeds and badges. They live here, beside the API description, so the pages
 * that parse them and the description generated from them share one object each.
 */

export const MAX_EMBED_MESHES = 6;

/** `/embed/compare?meshes=istio,linkerd,cilium`: one to six mesh slugs, comma-separated. */
export const embedCompareQuerySchema = z
  .object({
    meshes: z
      .string({ error: 'is required: name up to six meshes, for example istio,linkerd' })
      .transform((raw) =>
        raw
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(slugSchema)
          .min(1, 'must name at least one mesh')
          .max(MAX_EMBED_MESHES, `can name at most ${MAX_EMBED_MESHES} meshes`),
      ),
  })
  .strict();

/** `/embed/meshes/{slug}?version=1.24`: a mesh's column, its newest release unless one is named. */
export const embedMeshQuerySchema = z.object({ version: releaseLabelSchema.optional() }).strict();

/** `/badge/{mesh}/{feature}.svg` takes no parameters. */
export const badgeQuerySchema = z.object({}).strict();

/** Path segments: `/embed/meshes/{slug}`, `/badge/{mesh}/{feature}.svg`. */
export const embedPathSchemas = {
  slug: slugSchema,
  mesh: slugSchema,
  feature: slugSchema,
};
