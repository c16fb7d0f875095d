import { Locale, type LocalizationMap, type SharedNameAndDescription } from 'discord.js';
import { commandsEn } from '../src/i18n/en/commands';
import { commandsKo, type CommandsCatalog } from '../src/i18n/ko/commands';

export interface NameAndDescription {
  name: string;
  description: string;
}

export type CatalogEntry = (catalog: CommandsCatalog) => NameAndDescription;

function localizations(pick: (entry: NameAndDescription) => string, entry: CatalogEntry): LocalizationMap {
  const english = pick(entry(commandsEn));
  return {
    [Locale.Korean]: pick(entry(commandsKo)),
    [Locale.EnglishUS]: english,
    [Locale.EnglishGB]: english,
  };
}

/**
 * Names a command, subcommand or option. `baseName` is the stable ASCII name the router matches on
 * (`interaction.commandName` is always the base name, whatever the user's locale). The default description
 * is Korean; Korean clients see Korean names, English clients the English ones.
 */
export function localize<Builder extends SharedNameAndDescription>(
  builder: Builder,
  baseName: string,
  entry: CatalogEntry,
): Builder {
  return builder
    .setName(baseName)
    .setNameLocalizations(localizations((e) => e.name, entry))
    .setDescription(entry(commandsKo).description)
    .setDescriptionLocalizations(localizations((e) => e.description, entry));
}
