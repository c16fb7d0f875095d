import type { KisLogger } from '../../../../src/adapters/kis/logger';

export interface RecordingLogger extends KisLogger {
  lines: string[];
}

/** Keeps every log call as one JSON line so tests can scan them for secrets. */
export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (obj: object, msg: string): void => {
      lines.push(JSON.stringify({ level, msg, ...obj }));
    };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}
