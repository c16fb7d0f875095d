import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, openDatabase } from '../../../src/adapters/db/client';

let root = '';
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

describe('one process owns a PGlite directory', () => {
  it('when a second desk opens the same directory then it is refused with a clear message, and works after the first closes', async () => {
    // Arrange
    root = mkdtempSync(path.join(tmpdir(), 'kisdesk-pglite-'));
    const dir = path.join(root, 'pglite');
    const first = await openDatabase({ dataDir: dir });
    // Act
    const second = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    // Assert
    expect(second).toBeInstanceOf(DataDirInUseError);
    expect((second as Error).message).toMatch(/already used by another kis-desk process.*DATABASE_URL/);
    expect(again.kind).toBe('pglite');
    await again.close();
  }, 60_000);

  it('when the lock names a process that is alive then the directory is refused; a dead one is taken over', async () => {
    // Arrange
    root = mkdtempSync(path.join(tmpdir(), 'kisdesk-pglite-'));
    const dir = path.join(root, 'pglite');
    writeFileSync(`${dir}.lock`, String(process.ppid));
    // Act
    const refused = await openDatabase({ dataDir: dir }).catch((e: unknown) => e);
    writeFileSync(`${dir}.lock`, '999999999');
    const taken = await openDatabase({ dataDir: dir });
    // Assert
    expect(refused).toMatchObject({
      name: 'DataDirInUseError',
      message: expect.stringContaining(`pid ${process.ppid}`),
    });
    await taken.close();
  }, 60_000);
});
