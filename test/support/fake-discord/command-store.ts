import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  Locale,
  type APIApplicationCommand,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { invalidFormBody, type FormBodyViolation } from './api-error';
import type { SnowflakeGenerator } from './snowflakes';

const commandBodySchema = z
  .array(z.looseObject({ name: z.string(), type: z.number().int().optional() }))
  .max(200);

type Loose = Record<string, unknown>;
type Path = (string | number)[];

// developers/interactions/application-commands.mdx "Application Command Naming".
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const KNOWN_LOCALES = new Set<string>(Object.values(Locale));
const SUBCOMMAND_TYPES: unknown[] = [
  ApplicationCommandOptionType.Subcommand,
  ApplicationCommandOptionType.SubcommandGroup,
];

function checkName(name: unknown, path: Path, out: FormBodyViolation[]): void {
  if (typeof name !== 'string' || !COMMAND_NAME.test(name) || name !== name.toLowerCase()) {
    out.push({
      path,
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: `Command name is invalid: ${String(name)}`,
    });
  }
}

function checkDescription(description: unknown, path: Path, out: FormBodyViolation[]): void {
  if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
    out.push({ path, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
}

function checkLocalizations(
  map: unknown,
  path: Path,
  check: (value: unknown, path: Path) => void,
  out: FormBodyViolation[],
): void {
  if (map === undefined || map === null) return;
  for (const [locale, value] of Object.entries(map as Loose)) {
    if (!KNOWN_LOCALES.has(locale)) {
      out.push({
        path: [...path, locale],
        code: 'ENUM_TYPE_COERCE',
        message: `Value "${locale}" is not a valid enum value.`,
      });
    } else if (value !== null) {
      check(value, [...path, locale]);
    }
  }
}

function checkNamed(item: Loose, path: Path, withDescription: boolean, out: FormBodyViolation[]): void {
  checkName(item.name, [...path, 'name'], out);
  checkLocalizations(
    item.name_localizations,
    [...path, 'name_localizations'],
    (v, p) => checkName(v, p, out),
    out,
  );
  if (!withDescription) return;
  checkDescription(item.description, [...path, 'description'], out);
  checkLocalizations(
    item.description_localizations,
    [...path, 'description_localizations'],
    (v, p) => checkDescription(v, p, out),
    out,
  );
}

function checkOptions(options: unknown, path: Path, out: FormBodyViolation[]): void {
  if (!Array.isArray(options)) return;
  if (options.length > 25)
    out.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  const names = new Set<string>();
  let sawOptional = false;
  (options as Loose[]).forEach((option, i) => {
    const here = [...path, i];
    checkNamed(option, here, true, out);
    if (typeof option.name === 'string') {
      if (names.has(option.name))
        out.push({
          path: [...here, 'name'],
          code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          message: 'Option names must be unique',
        });
      names.add(option.name);
    }
    if (SUBCOMMAND_TYPES.includes(option.type)) {
      checkOptions(option.options, [...here, 'options'], out);
      return;
    }
    if (option.required === true && sawOptional) {
      out.push({
        path: [...here, 'required'],
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (option.required !== true) sawOptional = true;
    if (Array.isArray(option.choices) && option.choices.length > 25) {
      out.push({
        path: [...here, 'choices'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 25 or fewer in length.',
      });
    }
    if (option.autocomplete === true && Array.isArray(option.choices) && option.choices.length > 0) {
      out.push({
        path: [...here, 'autocomplete'],
        code: 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID',
        message: 'Autocomplete cannot be set with choices',
      });
    }
  });
}

export function commandViolations(commands: Loose[]): FormBodyViolation[] {
  const out: FormBodyViolation[] = [];
  const names = new Set<string>();
  commands.forEach((command, i) => {
    const chatInput = (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
    checkNamed(command, [i], chatInput, out);
    checkOptions(command.options, [i, 'options'], out);
    const key = `${String(command.type ?? 1)}:${String(command.name)}`;
    if (names.has(key))
      out.push({
        path: [i, 'name'],
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: 'Application command names must be unique',
      });
    names.add(key);
  });
  return out;
}

/** Bulk-overwritten command lists per scope (global or one guild), keeping ids of commands that survive. */
export class CommandStore {
  private readonly scopes = new Map<string, APIApplicationCommand[]>();

  constructor(private readonly ids: SnowflakeGenerator) {}

  overwrite(
    applicationId: string,
    guildId: string | null,
    json: unknown,
    validate: boolean,
  ): APIApplicationCommand[] {
    const parsed = commandBodySchema.safeParse(json);
    if (!parsed.success) {
      throw invalidFormBody([
        { path: [], code: 'BASE_TYPE_INVALID', message: parsed.error.issues[0]?.message ?? 'invalid body' },
      ]);
    }
    if (validate) {
      const violations = commandViolations(parsed.data);
      if (violations.length > 0) throw invalidFormBody(violations);
    }
    const previous = this.list(guildId);
    const stored = parsed.data.map((command) => {
      const type = command.type ?? ApplicationCommandType.ChatInput;
      const kept = previous.find((p) => p.name === command.name && p.type === type);
      return {
        default_member_permissions: null,
        nsfw: false,
        ...command,
        id: kept?.id ?? this.ids.next(),
        application_id: applicationId,
        ...(guildId ? { guild_id: guildId } : {}),
        type,
        version: this.ids.next(),
      } as APIApplicationCommand;
    });
    this.scopes.set(guildId ?? 'global', stored);
    return stored;
  }

  list(guildId: string | null): APIApplicationCommand[] {
    return this.scopes.get(guildId ?? 'global') ?? [];
  }

  /** Guild commands shadow global ones, as in the Discord client's picker. */
  find(name: string, guildId: string): APIApplicationCommand | undefined {
    return this.list(guildId).find((c) => c.name === name) ?? this.list(null).find((c) => c.name === name);
  }
}
