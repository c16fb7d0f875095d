/**
 * Cuts Qdrant's OpenAPI document down to the operations kis-desk uses and the component schemas they reach.
 * Run when the Qdrant image in docker-compose.yml changes (SOURCE.md says where the input comes from):
 *   npx tsx test/support/fake-qdrant/openapi/trim.ts <full openapi.json> <tag> <commit>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every operation src/adapters/memory/qdrant.ts and the contract harness call, plus `GET /` (version). */
export const USED_OPERATIONS: [string, string][] = [
  ['/', 'get'],
  ['/collections/{collection_name}', 'put'],
  ['/collections/{collection_name}', 'delete'],
  ['/collections/{collection_name}/exists', 'get'],
  ['/collections/{collection_name}/index', 'put'],
  ['/collections/{collection_name}/points', 'post'],
  ['/collections/{collection_name}/points', 'put'],
  ['/collections/{collection_name}/points/delete', 'post'],
  ['/collections/{collection_name}/points/count', 'post'],
  ['/collections/{collection_name}/points/query', 'post'],
];

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

const REF = /"#\/components\/schemas\/([A-Za-z0-9_]+)"/g;

function main(): void {
  const [input, tag, commit] = process.argv.slice(2);
  if (!input || !tag || !commit) throw new Error('usage: trim.ts <openapi.json> <tag> <commit>');
  const full = JSON.parse(readFileSync(input, 'utf8')) as OpenApiDocument;
  const paths: OpenApiDocument['paths'] = {};
  for (const [route, method] of USED_OPERATIONS) {
    const operation = full.paths[route]?.[method];
    if (!operation) throw new Error(`${method.toUpperCase()} ${route} is not in ${input}`);
    paths[route] = { ...paths[route], [method]: operation };
  }
  const reached = new Set<string>();
  const visit = (json: string) => {
    for (const [, name] of json.matchAll(REF)) {
      if (name && !reached.has(name)) {
        reached.add(name);
        visit(JSON.stringify(full.components.schemas[name]));
      }
    }
  };
  visit(JSON.stringify(paths));
  const schemas = Object.fromEntries(
    [...reached].sort().map((name) => [name, full.components.schemas[name]]),
  );
  const trimmed = {
    openapi: full.openapi,
    info: {
      title: full.info.title,
      version: tag,
      'x-source': `github.com/qdrant/qdrant docs/redoc/master/openapi.json at ${tag} (${commit}), trimmed`,
    },
    paths,
    components: { schemas },
  };
  const out = path.join(import.meta.dirname, `qdrant-${tag}.openapi.json`);
  writeFileSync(out, `${JSON.stringify(trimmed, null, 2)}\n`);
  console.log(`${out}: ${Object.keys(paths).length} paths, ${reached.size} schemas`);
}

main();
