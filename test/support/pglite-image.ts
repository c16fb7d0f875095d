import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../../src/adapters/db/client';
import { repoPath } from '../../src/adapters/resources';

/**
 * One migrated PGlite data directory for the whole test run. Opening an empty PGlite and running every migration
 * costs about ten seconds a test file on this machine (minutes under load); loading a dump of one that is already
 * migrated costs about one. The dump is keyed by the migrations' contents and the PGlite version, so a new or
 * edited migration builds a new one, and it lives under node_modules/.cache (a fresh clone starts without it).
 * `test/support/global-setup.ts` builds it once before the workers start; a worker that finds none builds its own.
 */

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : [full];
    })
    .sort();
}

/** Which migrations and which PGlite the image was made with: any change gives another file. */
export function pgliteImageKey(): string {
  const hash = createHash('sha256');
  const pglite = JSON.parse(
    readFileSync(repoPath('node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
  ) as { version: string };
  hash.update(`pglite ${pglite.version}\n`);
  const drizzle = repoPath('drizzle');
  for (const file of filesUnder(drizzle)) {
    hash.update(`${path.relative(drizzle, file)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

export function pgliteImagePath(): string {
  return repoPath('node_modules', '.cache', 'kis-desk', `pglite-migrated-${pgliteImageKey()}.tar`);
}

/** Builds the image when it is missing; returns its path. Written to a temporary name first, then renamed. */
export async function ensurePgliteImage(): Promise<string> {
  const file = pgliteImagePath();
  if (isFile(file)) return file;
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    const pglite = (database.connection as { pglite: PGlite }).pglite;
    const dump = await pglite.dumpDataDir('none');
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await database.close();
  }
  return file;
}

let image: Promise<Blob> | null = null;

/** The migrated image, read once per worker. */
export function migratedPgliteImage(): Promise<Blob> {
  image ??= ensurePgliteImage().then((file) => new Blob([readFileSync(file)]));
  return image;
}

/** A fresh in-memory PGlite with every migration applied, started from the shared image. */
export async function openMigratedPglite(): Promise<Database> {
  return openDatabase({ dataDir: 'memory://', pgliteImage: await migratedPgliteImage() });
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
