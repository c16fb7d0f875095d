import { SlashCommandBuilder } from 'discord.js';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/resume`: trading state → ACTIVE. */
export const data = localize(guildOnly(new SlashCommandBuilder()), 'resume', (c) => c.resume);
