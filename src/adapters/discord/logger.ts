/** The structured logger the channel writes to (pino's Logger fits). Never pass tokens in `obj`. */
export interface DiscordLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
