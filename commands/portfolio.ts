import { SlashCommandBuilder } from 'discord.js';
import { guildOnly } from './guild-only';
import { localize } from './localize';

export const data = localize(guildOnly(new SlashCommandBuilder()), 'portfolio', (c) => c.portfolio);
