import { SlashCommandBuilder } from 'discord.js';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/orders`: the open orders, each KIS holds open with a cancel button (cancels: approvers only). */
export const data = localize(guildOnly(new SlashCommandBuilder()), 'orders', (c) => c.orders);
