import {
  ApplicationCommandOptionType,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
} from 'discord-api-types/v10';

export type SlashOptionValues = Record<string, string | number | boolean>;

export interface SlashTarget {
  subcommandGroup?: string;
  subcommand?: string;
  /** Autocomplete: the option the user is typing in; its value is sent as the raw typed string. */
  focused?: string;
}

type DefinedOption = APIApplicationCommandOption & {
  options?: APIApplicationCommandOption[];
  required?: boolean;
  choices?: { value: unknown }[];
};

function fail(message: string): never {
  throw new Error(`fake-discord: ${message}`);
}

function inferType(value: string | number | boolean): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

function findChild(
  options: DefinedOption[] | undefined,
  name: string,
  type: ApplicationCommandOptionType,
  where: string,
): DefinedOption {
  const found = options?.find((o) => o.name === name && o.type === type);
  if (!found) fail(`${where} has no ${ApplicationCommandOptionType[type]} "${name}"`);
  return found;
}

/**
 * Builds `data.options` the way the Discord client would. When the bot registered the command with the fake,
 * option types come from that definition and the test's values are checked against it (unknown names,
 * missing required options, values outside `choices`), so a typo in a test fails loudly.
 */
export function buildCommandOptions(
  commandName: string,
  definition: APIApplicationCommand | undefined,
  values: SlashOptionValues,
  target: SlashTarget,
): APIApplicationCommandInteractionDataOption[] {
  let defined = definition?.options as DefinedOption[] | undefined;
  let where = `/${commandName}`;
  if (definition && target.subcommandGroup) {
    defined = findChild(defined, target.subcommandGroup, ApplicationCommandOptionType.SubcommandGroup, where)
      .options as DefinedOption[];
    where += ` ${target.subcommandGroup}`;
  }
  if (definition && target.subcommand) {
    defined = findChild(defined, target.subcommand, ApplicationCommandOptionType.Subcommand, where)
      .options as DefinedOption[];
    where += ` ${target.subcommand}`;
  }
  const nested = (defined ?? []).filter(
    (o) =>
      o.type === ApplicationCommandOptionType.Subcommand ||
      o.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (nested.length > 0) fail(`${where} needs a subcommand (${nested.map((o) => o.name).join(', ')})`);

  const leaves = Object.entries(values).map(([name, value]) => {
    const option = definition ? defined?.find((o) => o.name === name) : undefined;
    if (definition && !option)
      fail(
        `${where} has no option "${name}"; it has: ${(defined ?? []).map((o) => o.name).join(', ') || 'none'}`,
      );
    const isFocused = target.focused === name;
    if (option?.choices && !isFocused && !option.choices.some((c) => c.value === value)) {
      fail(`${where} option "${name}" only accepts its choices; got ${JSON.stringify(value)}`);
    }
    const type = option?.type ?? inferType(value);
    return { name, type, value: isFocused ? String(value) : value, ...(isFocused ? { focused: true } : {}) };
  });

  if (definition && target.focused === undefined) {
    const missing = (defined ?? []).filter((o) => o.required && !(o.name in values)).map((o) => o.name);
    if (missing.length > 0) fail(`${where} needs required option(s) ${missing.join(', ')}`);
  }

  let options = leaves as APIApplicationCommandInteractionDataOption[];
  if (target.subcommand) {
    options = [
      {
        name: target.subcommand,
        type: ApplicationCommandOptionType.Subcommand,
        options: leaves,
      } as APIApplicationCommandInteractionDataOption,
    ];
  }
  if (target.subcommandGroup) {
    options = [
      {
        name: target.subcommandGroup,
        type: ApplicationCommandOptionType.SubcommandGroup,
        options,
      } as APIApplicationCommandInteractionDataOption,
    ];
  }
  return options;
}
