import 'server-only';
import { z } from 'zod';
import { DATA_LICENCE } from '../exports/csv';
import { recordIdSchema } from '../../rules/validation';
import { accessLabels, routeRegistry, type ErrorStatus, type Operation, type RouteEntry } from './registry';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** One documented query parameter, for the document and the /api page alike. */
export interface QueryParameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
  note?: string;
}

export const SESSION_SCHEME = 'sessionCookie';

const recordIdJsonSchema = {
  anyOf: [
    { type: 'integer', minimum: 1 },
    { type: 'string', pattern: '^[0-9]{1,12}$' },
  ],
};

const errorMeanings: Record<ErrorStatus, string> = {
  400: 'Bad input: `fieldErrors` names each bad field or parameter.',
  401: 'Not signed in.',
  403: 'Signed in, but not allowed (role, ban, or a request from another origin).',
  404: 'Nothing at this address.',
  409: 'A conflict with the current state (the cell changed, the proposal was decided).',
  413: 'The JSON body is larger than 64 KB.',
  415: 'The body is not `application/json`.',
  429: 'Too many requests: `Retry-After` says when to try again.',
  503: 'The database is busy or unavailable; try again.',
};

/**
 * What a request must look like, as JSON Schema: the input side of the zod schema (what a client sends, before
 * defaults and transforms). Checks JSON Schema cannot say (a real calendar date, a refine) stay with the handler.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: (context) => {
      // A record id is a custom check (digits as text accepted too), which JSON Schema would otherwise leave untyped.
      if (context.zodSchema === recordIdSchema.in) Object.assign(context.jsonSchema, recordIdJsonSchema);
    },
  }) as JsonSchema;
  // The document names its dialect once (jsonSchemaDialect); each schema repeating it would only add bytes.
  delete json.$schema;
  return json;
}

export function queryParametersOf(operation: Operation): QueryParameter[] {
  if (!operation.query) return [];
  const schema = jsonSchemaOf(operation.query);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    required: required.has(name),
    schema: property,
    note: operation.queryNotes?.[name],
  }));
}

/** The documented JSON body: the handler's schema without the fields the URL supplies. */
export function bodySchemaOf(operation: Operation): JsonSchema | null {
  if (!operation.body) return null;
  const schema = jsonSchemaOf(operation.body);
  const fromUrl = new Set(operation.urlFields ?? []);
  if (!fromUrl.size) return schema;
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => !fromUrl.has(name)));
  const required = (schema.required ?? []).filter((name) => !fromUrl.has(name));
  return { ...schema, properties, ...(required.length ? { required } : { required: undefined }) };
}

/** A short type for people: `string`, `integer | null`, `yes | partial | no`. */
export function describeType(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(' | ');
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(describeType).join(' | ');
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (schema.type === 'array' && schema.items) return `${describeType(schema.items as JsonSchema)}[]`;
  if (typeof schema.type === 'string') return schema.type;
  return 'any';
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function operationObject(entry: RouteEntry, operation: Operation) {
  const parameters = [
    ...Object.entries(entry.pathParams ?? {}).map(([name, param]) => ({
      name,
      in: 'path',
      required: true,
      description: param.description,
      schema: jsonSchemaOf(param.schema),
    })),
    ...queryParametersOf(operation).map((param) =>
      withoutUndefined({
        name: param.name,
        in: 'query',
        required: param.required,
        description: param.note,
        schema: param.schema,
      }),
    ),
    ...(operation.conditional
      ? [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }]
      : []),
  ];
  const body = bodySchemaOf(operation);
  const successHeaders = operation.conditional
    ? { ETag: { $ref: '#/components/headers/ETag' }, 'Last-Modified': { $ref: '#/components/headers/LastModified' } }
    : undefined;
  const responses: Record<string, unknown> = {
    [String(operation.success.status)]: withoutUndefined({
      description: operation.success.description,
      headers: successHeaders,
      content: { [operation.success.contentType]: {} },
    }),
    ...(operation.conditional
      ? { '304': { description: 'Not modified: the data version still matches `If-None-Match`.' } }
      : {}),
    ...Object.fromEntries(
      operation.errors.map((status) => [String(status), { $ref: `#/components/responses/E${status}` }]),
    ),
  };
  return withoutUndefined({
    operationId: `${operation.method.toLowerCase()}${entry.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => (c ? c.toUpperCase() : ''))}`,
    summary: operation.summary,
    description: `Who: ${accessLabels[operation.access]}.`,
    tags: [entry.group],
    security: operation.access === 'public' || operation.access === 'feed-secret' ? [] : [{ [SESSION_SCHEME]: [] }],
    parameters: parameters.length ? parameters : undefined,
    requestBody: body
      ? {
          required: true,
          description: 'JSON from this site’s origin (`Origin` header), at most 64 KB.',
          content: { 'application/json': { schema: body } },
        }
      : undefined,
    responses,
  });
}

const errorBody: JsonSchema = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    code: { type: 'string' },
    fieldErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    retryAfterSeconds: { type: 'integer' },
  },
  required: ['error', 'code'],
};

/** The OpenAPI 3.1 document of every route in the registry. */
export function buildOpenApiDocument(registry: readonly RouteEntry[] = routeRegistry) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const entry of registry) {
    paths[entry.path] = Object.fromEntries(
      entry.operations.map((operation) => [operation.method.toLowerCase(), operationObject(entry, operation)]),
    );
  }
  const statuses = [...new Set(registry.flatMap((e) => e.operations.flatMap((o) => o.errors)))].sort();
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Mesh Matrix API',
      version: '1',
      summary: 'The community-maintained, sourced and versioned comparison of service meshes.',
      description: `Reads are public; writes need a signed-in session and a same-origin JSON request. The data: ${DATA_LICENCE} Attribute "Mesh Matrix contributors" and link to the cell's page.`,
      license: { name: 'CC BY 4.0 (the data)', url: 'https://creativecommons.org/licenses/by/4.0/' },
    },
    servers: [{ url: '/' }],
    tags: [...new Set(registry.map((e) => e.group))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        [SESSION_SCHEME]: {
          type: 'apiKey',
          in: 'cookie',
          name: 'next-auth.session-token',
          description:
            'The next-auth session cookie set by signing in at /signin (`__Secure-next-auth.session-token` over HTTPS).',
        },
      },
      headers: {
        ETag: { description: 'The response for the current data version.', schema: { type: 'string' } },
        LastModified: { description: 'When the data last changed.', schema: { type: 'string' } },
      },
      schemas: { Error: errorBody },
      responses: Object.fromEntries(
        statuses.map((status) => [
          `E${status}`,
          {
            description: errorMeanings[status],
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
}
