import {
  ApplicationCommandOptionType,
  InteractionContextType,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { allCommands } from '../../../commands';
import { commandsEn } from '../../../src/i18n/en/commands';
import { commandsKo } from '../../../src/i18n/ko/commands';
import { commandViolations } from '../../support/fake-discord/command-store';

type Named = Pick<
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  'name' | 'name_localizations' | 'description' | 'description_localizations'
>;

const HANGUL = /[\uac00-\ud7a3]/;

function jsonOf(name: string): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const command = allCommands.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name}`);
  return command.toJSON();
}

/** The command itself and every subcommand and option below it. */
function everyNamedPart(json: RESTPostAPIChatInputApplicationCommandsJSONBody): Named[] {
  const walk = (options: APIApplicationCommandOption[] | undefined): Named[] =>
    (options ?? []).flatMap((option) => [option, ...walk('options' in option ? option.options : undefined)]);
  return [json, ...walk(json.options)];
}

function keysOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [typeof value];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner).map((k) => `${key}.${k}`));
}

describe('slash command definitions', () => {
  it('when every builder is serialized then discord.js validation passes and the names are the commands', () => {
    const names = allCommands.map((command) => command.toJSON().name);

    expect(names).toEqual([
      'trade',
      'portfolio',
      'status',
      'stop',
      'stopentry',
      'resume',
      'memory',
      'cycle',
      'help',
      'blackout',
      'scorecard',
      'pnl',
      'watch',
      'backtest',
      'orders',
    ]);
  });

  it('when the commands are checked against the rules Discord applies on registration then nothing is refused', () => {
    const body = allCommands.map((command) => command.toJSON()) as unknown as Record<string, unknown>[];

    expect(commandViolations(body)).toEqual([]);
  });

  it.each(allCommands.map((c) => c.name))(
    'when /%s is serialized then it and every option have ko, en-US and en-GB names and descriptions',
    (name) => {
      for (const part of everyNamedPart(jsonOf(name))) {
        expect(Object.keys(part.name_localizations ?? {}).sort()).toEqual(['en-GB', 'en-US', 'ko']);
        expect(Object.keys(part.description_localizations ?? {}).sort()).toEqual(['en-GB', 'en-US', 'ko']);
        expect(part.name_localizations?.['en-US']).toBe(part.name);
        expect(part.name_localizations?.['en-GB']).toBe(part.name);
        expect(part.name).toMatch(/^[a-z]+$/);
        expect(part.description).toBe(part.description_localizations?.ko);
        expect(part.description).toMatch(HANGUL);
        expect(part.description_localizations?.['en-US']).not.toMatch(HANGUL);
      }
    },
  );

  it('when the catalogs are compared then Korean and English have the same keys', () => {
    expect(keysOf(commandsEn)).toEqual(keysOf(commandsKo));
  });

  it('when a Korean client looks at the commands then their names are Korean and distinct', () => {
    const koreanNames = allCommands.map((c) => c.toJSON().name_localizations?.ko ?? '');

    expect(koreanNames.every((n) => HANGUL.test(n))).toBe(true);
    expect(new Set(koreanNames).size).toBe(koreanNames.length);
  });

  it('when /trade is serialized then it has one optional ticker option with autocomplete', () => {
    const trade = jsonOf('trade');

    expect(trade.options).toEqual([
      expect.objectContaining({
        name: 'ticker',
        type: ApplicationCommandOptionType.String,
        required: false,
        autocomplete: true,
      }),
    ]);
  });

  it('when /memory is serialized then show takes an optional query and forget a required id', () => {
    const memory = jsonOf('memory');

    expect(memory.options).toEqual([
      expect.objectContaining({
        name: 'show',
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          expect.objectContaining({
            name: 'query',
            type: ApplicationCommandOptionType.String,
            required: false,
          }),
        ],
      }),
      expect.objectContaining({
        name: 'forget',
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          expect.objectContaining({ name: 'id', type: ApplicationCommandOptionType.String, required: true }),
        ],
      }),
    ]);
  });

  it('when /cycle is serialized then it has the run and last subcommands without options', () => {
    const cycle = jsonOf('cycle');

    expect(cycle.options?.map((o) => [o.name, o.type, 'options' in o ? (o.options ?? []) : []])).toEqual([
      ['run', ApplicationCommandOptionType.Subcommand, []],
      ['last', ApplicationCommandOptionType.Subcommand, []],
    ]);
  });

  it('when any command is serialized then it is offered in guilds only', () => {
    const contexts = allCommands.map((c) => c.toJSON().contexts);

    expect(contexts.every((c) => c?.length === 1 && c[0] === InteractionContextType.Guild)).toBe(true);
  });
});

describe('default member permissions', () => {
  it('when the desk-changing commands are serialized then they need Manage Server by default and the others need nothing', () => {
    const manageGuild = String(1n << 5n);
    const gated = allCommands
      .map((c) => c.toJSON())
      .filter(
        (json) => json.default_member_permissions !== undefined && json.default_member_permissions !== null,
      )
      .map((json) => [json.name, json.default_member_permissions]);

    expect(gated).toEqual([
      ['stop', manageGuild],
      ['stopentry', manageGuild],
      ['resume', manageGuild],
      ['cycle', manageGuild],
    ]);
  });
});
