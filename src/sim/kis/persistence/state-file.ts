import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../../../domain/clock';
import { SIM_STATE_VERSION, simStateSchema, type SimState } from './state-schema';

export interface LoadStateOptions {
  clock: Clock;
  onWarning: (message: string) => void;
  /** A reason the (valid) state cannot be used here, e.g. it names accounts that are not configured. */
  incompatibility: (state: SimState) => string | undefined;
}

/**
 * Reads and validates the state file. Missing → undefined. Unreadable, corrupt or incompatible → the file is
 * moved aside to `<file>.corrupt-<timestamp>`, a warning says so, and undefined: the simulator starts fresh
 * rather than crash, and nothing is lost.
 */
export async function loadStateFile(file: string, options: LoadStateOptions): Promise<SimState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    return setAside(file, `unreadable (${messageOf(error)})`, options);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return setAside(file, `not valid JSON (${messageOf(error)})`, options);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== SIM_STATE_VERSION) {
    return setAside(
      file,
      `of format version ${JSON.stringify(version)}, expected ${SIM_STATE_VERSION}`,
      options,
    );
  }
  const parsed = simStateSchema.safeParse(json);
  if (!parsed.success) return setAside(file, `invalid:\n${z.prettifyError(parsed.error)}`, options);
  const problem = options.incompatibility(parsed.data);
  if (problem) return setAside(file, `incompatible: ${problem}`, options);
  return parsed.data;
}

/** Writes the whole file so a crash leaves either the old or the new content: temp file, fsync, rename. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

async function setAside(file: string, problem: string, options: LoadStateOptions): Promise<undefined> {
  const stamp = options.clock.now().toISOString().replace(/[:.]/g, '-');
  let aside = `${file}.corrupt-${stamp}`;
  for (let n = 2; await exists(aside); n++) aside = `${file}.corrupt-${stamp}-${n}`;
  try {
    await rename(file, aside);
    options.onWarning(
      `KIS simulator: state file ${file} is ${problem}. Moved it to ${aside} and started with fresh accounts.`,
    );
  } catch (error) {
    options.onWarning(
      `KIS simulator: state file ${file} is ${problem}. Could not move it aside (${messageOf(error)}); ` +
        'started with fresh accounts and the next save will replace it.',
    );
  }
  return undefined;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
