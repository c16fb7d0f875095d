import { ensurePgliteImage } from './pglite-image';

/** Runs once before any worker: builds the migrated PGlite image every test database starts from. */
export default async function setup(): Promise<void> {
  await ensurePgliteImage();
}
