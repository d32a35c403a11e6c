import { z } from 'zod';
import { blankToNull, isoDate, optionalHttpUrl, releaseLabelSchema, slugSchema } from '../../rules/validation';

const structureName = (max: number) =>
  z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Blank means "derive it from the name". */
const optionalSlug = z.preprocess(blankToNull, slugSchema.nullish());

const featureDefinition = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'must not be empty: say in one sentence what counts as support')
  .max(500, 'must be at most 500 characters');

export const addCategorySchema = z.object({ name: structureName(80), slug: optionalSlug }).strict();

export const renameCategorySchema = z.object({ name: structureName(80) }).strict();

/** One step up or down among the active siblings (categories, or rows of one category). */
export const reorderSchema = z.object({ direction: z.enum(['up', 'down'], { error: 'must be up or down' }) }).strict();

export const addFeatureSchema = z
  .object({
    category: slugSchema,
    name: structureName(120),
    slug: optionalSlug,
    definition: featureDefinition,
    referenceUrl: optionalHttpUrl,
    kind: z.enum(['support', 'text'], { error: 'must be support or text' }),
  })
  .strict();

export const updateFeatureSchema = z
  .object({ name: structureName(120), definition: featureDefinition, referenceUrl: optionalHttpUrl })
  .strict();

export const moveFeatureToCategorySchema = z.object({ category: slugSchema }).strict();

export const addMeshSchema = z
  .object({
    name: structureName(80),
    slug: optionalSlug,
    homepage: optionalHttpUrl,
    repository: optionalHttpUrl,
    description: z.preprocess(
      blankToNull,
      z.string({ error: 'must be text' }).trim().max(500, 'must be at most 500 characters').nullish(),
    ),
    firstRelease: releaseLabelSchema,
    releasedOn: z.preprocess(blankToNull, isoDate.nullish()),
  })
  .strict();

/** A blank slug keeps the current one; a new slug leaves the old one redirecting. */
export const renameMeshSchema = z.object({ name: structureName(80), slug: optionalSlug }).strict();

/** The status buttons of categories and rows: retire or restore, and nothing else read as either. */
export const structureStatusSchema = z
  .object({ status: z.enum(['active', 'retired'], { error: 'must be active or retired' }) })
  .strict();
