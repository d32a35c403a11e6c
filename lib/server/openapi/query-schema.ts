import { z } from 'zod';

/** `/api/v1/openapi.json` takes no parameters; any given is refused by name like elsewhere in the API. */
export const openApiQuerySchema = z.object({}).strict();
