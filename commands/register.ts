import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { z } from 'zod';
import { commandsEn } from '../src/i18n/en/commands';
import { commandsKo } from '../src/i18n/ko/commands';
import { allCommands, type CommandData } from './index';

const snowflake = z.string().regex(/^\d{17,20}$/);
const blankAsMissing = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export const registerEnvSchema = z.object({
  DISCORD_TOKEN: z.preprocess(blankAsMissing, z.string()),
  DISCORD_APPLICATION_ID: z.preprocess(blankAsMissing, snowflake),
  /** With a guild the commands appear at once in that guild; without, they are registered globally. */
  DISCORD_GUILD_ID: z.preprocess(blankAsMissing, snowflake.optional()),
});

const apiUrlSchema = z.url({ protocol: /^https?$/ });

const registeredSchema = z.array(z.looseObject({ id: z.string(), name: z.string() }));

export interface RegisterTarget {
  token: string;
  applicationId: string;
  guildId?: string;
  /** REST base without the version, like discord.js's `rest.api` (e.g. `http://127.0.0.1:PORT/api`). */
  api?: string;
}

export interface RegisterResult {
  scope: 'guild' | 'global';
  registered: { id: string; name: string }[];
}

/** Bulk-overwrites the application's commands (PUT): commands missing from `commands` are removed. */
export async function registerCommands(
  target: RegisterTarget,
  commands: readonly CommandData[] = allCommands,
): Promise<RegisterResult> {
  const rest = new REST({ version: '10', ...(target.api ? { api: target.api } : {}) }).setToken(target.token);
  try {
    const route = target.guildId
      ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
      : Routes.applicationCommands(target.applicationId);
    const response = await rest.put(route, { body: commands.map((command) => command.toJSON()) });
    const registered = registeredSchema.parse(response).map(({ id, name }) => ({ id, name }));
    return { scope: target.guildId ? 'guild' : 'global', registered };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

export interface CliIo {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  out: (line: string) => void;
  err: (line: string) => void;
}

function both(pick: (catalog: typeof commandsKo) => string): string[] {
  return [pick(commandsKo), pick(commandsEn)];
}

function environmentProblems(env: CliIo['env'], issues: z.ZodError['issues']): string[] {
  const keys = [...new Set(issues.map((issue) => String(issue.path[0])))];
  return keys.map((key) => {
    const missing = blankAsMissing(env[key]) === undefined;
    const [ko, en] = missing ? both((c) => c.register.notSet) : both((c) => c.register.notSnowflake);
    return `  - ${key}: ${ko} / ${en}`;
  });
}

function describeFailure(error: unknown, token: string): string {
  const detail =
    error instanceof DiscordAPIError
      ? `${error.status} ${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  // Defensive: the token must never reach a terminal or a CI log.
  return detail.split(token).join('[redacted]');
}

/** `npm run commands:register [-- --api <url>]`; returns the exit code. */
export async function runRegisterCli(io: CliIo): Promise<number> {
  let api: string | undefined;
  try {
    const { values } = parseArgs({ args: [...io.argv], options: { api: { type: 'string' } }, strict: true });
    api = values.api === undefined ? undefined : apiUrlSchema.parse(values.api);
  } catch {
    both((c) => c.register.invalidArguments).forEach(io.err);
    return 1;
  }

  const env = registerEnvSchema.safeParse(io.env);
  if (!env.success) {
    both((c) => c.register.invalidEnvironment).forEach(io.err);
    environmentProblems(io.env, env.error.issues).forEach(io.err);
    return 1;
  }

  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId } = env.data;
  try {
    const result = await registerCommands({
      token,
      applicationId,
      ...(guildId ? { guildId } : {}),
      ...(api ? { api } : {}),
    });
    const count = result.registered.length;
    both((c) =>
      guildId ? c.register.registeredToGuild(count, guildId) : c.register.registeredGlobally(count),
    ).forEach(io.out);
    return 0;
  } catch (error) {
    const detail = describeFailure(error, token);
    both((c) => c.register.failed(detail)).forEach(io.err);
    return 1;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = await runRegisterCli({
    argv: process.argv.slice(2),
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
