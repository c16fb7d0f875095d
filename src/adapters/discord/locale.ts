import type { Locale } from '../../app/desk-api';
import type { RiskCatalog } from '../../domain/risk';
import { commandsEn } from '../../i18n/en/commands';
import { discordEn } from '../../i18n/en/discord';
import { riskEn } from '../../i18n/en/risk';
import { commandsKo, type CommandsCatalog } from '../../i18n/ko/commands';
import { discordKo, type DiscordCatalog } from '../../i18n/ko/discord';
import { riskKo } from '../../i18n/ko/risk';

/** Korean when the reader's Discord client is Korean (`ko`), English for every other locale. */
export function localeOf(discordLocale: string | null | undefined): Locale {
  return discordLocale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export interface Catalogs {
  locale: Locale;
  text: DiscordCatalog;
  risk: RiskCatalog;
  commands: CommandsCatalog;
}

export function catalogsFor(locale: Locale): Catalogs {
  return locale === 'ko'
    ? { locale, text: discordKo, risk: riskKo, commands: commandsKo }
    : { locale, text: discordEn, risk: riskEn, commands: commandsEn };
}
