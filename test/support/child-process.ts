import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningChild {
  process: ChildProcess;
  /** What it printed so far. */
  output(): string;
  /** Resolves with the rest of the first line starting with `marker`. */
  line(marker: string, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts a TypeScript file in its own Node process (through tsx) with the given environment. */
export function startTsChild(file: string, args: string[], env: NodeJS.ProcessEnv): RunningChild {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    output: () => `${stdout}${stderr ? `\n[stderr]\n${stderr}` : ''}`,
    async line(marker, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = stdout.split('\n').find((l) => l.startsWith(marker));
        if (found !== undefined) return found.slice(marker.length).trim();
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`child ${file} ended before "${marker}":\n${stdout}\n${stderr.slice(-3000)}`);
        if (Date.now() > deadline)
          throw new Error(`no "${marker}" from ${file} in ${timeoutMs} ms:\n${stdout}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
    kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
