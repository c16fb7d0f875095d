import { pino, type Logger, type DestinationStream } from 'pino';
import { Redactor } from './redact';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  secrets: readonly string[];
  /** Where lines go; stdout by default. Tests pass a collecting stream. */
  destination?: DestinationStream;
}

/** Structured JSON logs with every configured secret scrubbed from messages and fields. */
export function createLogger(options: LoggerOptions): Logger {
  const redactor = new Redactor(options.secrets);
  return pino(
    {
      level: options.level,
      base: { app: 'kis-desk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (object) => redactor.value(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactor.text(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      serializers: { err: (err: unknown) => redactor.value(err) },
    },
    options.destination,
  );
}
