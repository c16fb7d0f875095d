import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_DIR = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'kis');

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function loadFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as T;
}

/** The recorded body of a sample that wraps it as {http_status, body}. */
export function fixtureBody(name: string): Record<string, unknown> {
  return loadFixture<{ body: Record<string, unknown> }>(name).body;
}
