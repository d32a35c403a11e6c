import fs from 'node:fs';
import path from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { commands } from '@/lib/server/commands';
import { buildOpenApiDocument, bodySchemaOf, jsonSchemaOf, queryParametersOf } from '@/lib/server/openapi/document';
import { routeRegistry, type RouteEntry } from '@/lib/server/openapi/registry';
import * as changesetSchemas from '@/lib/server/changesets/schemas';
import * as commentSchemas from '@/lib/server/comments/schemas';
import * as dumpModule from '@/lib/server/exports/dump';
import * as querySchemas from '@/lib/server/matrix/query-schemas';
import * as embedSchemas from '@/lib/server/embeds/schemas';
import * as openApiQuery from '@/lib/server/openapi/query-schema';
import * as patrolSchemas from '@/lib/server/patrol/schemas';
import * as proposalSchemas from '@/lib/server/proposals/schemas';
import * as watchSchemas from '@/lib/server/watches/schemas';
import * as pageQueries from '@/lib/rules/page-queries';

const root = path.resolve(__dirname, '../..');

/**
 * Routes another branch adds (the embeds and badges): documented here first so their pages import the schemas from
 * lib/server/openapi. Once they are merged, this list is empty and every documented route must exist.
 */

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

const appDir = path.join(root, 'app');
const routeOf = (file: string) => path.relative(appDir, path.dirname(file)).split(path.sep).join('/');
const routeFiles = filesNamed(appDir, 'route.ts');
const pageRoutes = new Set(filesNamed(appDir, 'page.tsx').map(routeOf));
const read = (file: string) => fs.readFileSync(file, 'utf8');

/** The methods a route handler answers: what it passes to methodNotAllowed as allowed. */
function answeredMethods(source: string): string[] {
  // The embeds refuse other methods with pages rather than JSON; they answer GET only.
  if (source.includes('embedMethodNotAllowed()')) return ['GET'];
  const allowed = /methodNotAllowed\(\[([^\]]*)\]\)/.exec(source);
  expect(allowed, 'a route handler refuses the other methods with methodNotAllowed([...])').not.toBeNull();
  return [...allowed![1]!.matchAll(/'([A-Z]+)'/g)].map((m) => m[1]!).sort();
}

/** The name each exported schema goes by, so a handler's source can be checked for the very object documented. */
const schemaNames = new Map<unknown, string>();
for (const schemaModule of [
  changesetSchemas,
  commentSchemas,
  dumpModule,
  querySchemas,
  embedSchemas,
  openApiQuery,
  patrolSchemas,
  proposalSchemas,
  watchSchemas,
  pageQueries,
])
  for (const [name, value] of Object.entries(schemaModule)) if (!schemaNames.has(value)) schemaNames.set(value, name);
const commandBySchema = new Map<unknown, string>(
  Object.entries(commands).map(([name, command]) => [command.schema, name]),
);

/** A route's own source and the lib/ modules it imports (one hop): where the schema a handler parses with is named. */
function sourcesOf(file: string): string {
  const source = read(file);
  const imported = [...source.matchAll(/from '@\/(lib\/[^']+)'/g)].map((m) => path.join(root, `${m[1]!}.ts`));
  return [source, ...imported.filter((f) => fs.existsSync(f)).map(read)].join('\n');
}

const entryOf = (route: string): RouteEntry | undefined => routeRegistry.find((e) => e.route === route);

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument();

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.license.url).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(document.info.description).toContain('CC BY 4.0');
  });

  it('lists every route handler under app/ with exactly the methods it answers', () => {
    expect(routeFiles.length).toBeGreaterThan(20);
    for (const file of routeFiles) {
      const route = routeOf(file);
      const entry = entryOf(route);
      expect(entry, `app/${route}/route.ts needs an entry in lib/server/openapi/registry.ts`).toBeDefined();
      const documented = entry!.operations.map((o) => o.method).sort();
      expect(documented, `app/${route}/route.ts`).toEqual(answeredMethods(read(file)));
      const pathItem = (document.paths as Record<string, Record<string, unknown>>)[entry!.path]!;
      expect(Object.keys(pathItem).sort()).toEqual(documented.map((m) => m.toLowerCase()));
    }
  });

  it('documents only routes that exist, with a path parameter for each dynamic segment', () => {
    for (const entry of routeRegistry) {
      const exists = routeFiles.some((file) => routeOf(file) === entry.route) || pageRoutes.has(entry.route);
      expect(exists, `${entry.route} is documented but not under app/`).toBe(true);
      const segments = [...entry.route.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!).sort();
      expect(Object.keys(entry.pathParams ?? {}).sort(), entry.route).toEqual(segments);
      expect([...entry.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort(), entry.path).toEqual(segments);
    }
  });

  it('is generated from the schemas the handlers parse with', () => {
    for (const file of routeFiles) {
      const entry = entryOf(routeOf(file))!;
      const sources = sourcesOf(file);
      for (const operation of entry.operations) {
        const where = `${operation.method} app/${entry.route}`;
        if (operation.query) {
          const name = schemaNames.get(operation.query);
          expect(name, `${where}: its query schema must be an exported schema`).toBeDefined();
          expect(read(file), where).toContain(`parseSearchParams(${name!}`);
        }
        if (operation.body) {
          const command = commandBySchema.get(operation.body);
          const name = command ?? schemaNames.get(operation.body);
          expect(name, `${where}: its body schema must be a command's or an exported schema`).toBeDefined();
          expect(sources, where).toMatch(new RegExp(`\\b${name!}\\b`));
        }
        if (/runJsonCommand\(/.test(read(file)) && operation.method !== 'GET')
          expect(operation.body, `${where} reads a JSON body`).toBeDefined();
      }
    }
  });

  it('describes each query parameter and body field as its schema does', () => {
    const matrix = (document.paths['/api/v1/matrix'] as { get: { parameters: { name: string; in: string }[] } }).get;
    expect(matrix.parameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(
      Object.keys((querySchemas.matrixQuerySchema as z.ZodObject).shape),
    );
    const propose = routeRegistry
      .find((e) => e.path === '/api/v1/proposals')!
      .operations.find((o) => o.method === 'POST')!;
    const body = bodySchemaOf(propose)!;
    expect(body).toEqual(jsonSchemaOf(proposalSchemas.proposeCellChangeSchema));
    expect(body.required).toEqual(expect.arrayContaining(['mesh', 'version', 'feature', 'sources', 'rationale']));
    // Fields the URL supplies are not asked for in the body.
    const approve = routeRegistry.find((e) => e.path === '/api/v1/proposals/{id}/approve')!.operations[0]!;
    expect(Object.keys(bodySchemaOf(approve)!.properties ?? {})).not.toContain('id');
    const compare = routeRegistry.find((e) => e.path === '/embed/compare')!.operations[0]!;
    expect(queryParametersOf(compare)).toEqual([expect.objectContaining({ name: 'meshes', required: true })]);
  });

  it('marks signed-in operations with the session cookie scheme and public reads with none', () => {
    const paths = document.paths as Record<string, Record<string, { security: unknown[] }>>;
    expect(document.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(paths['/api/v1/proposals']!.post!.security).toEqual([{ sessionCookie: [] }]);
    expect(paths['/api/v1/matrix']!.get!.security).toEqual([]);
    expect(paths['/watchlist/feed/{token}']!.get!.security).toEqual([]);
  });
});
