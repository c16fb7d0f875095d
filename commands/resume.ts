import { SlashCommandBuilder } from 'discord.js';
import { approverOnly } from './approver-only';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/resume`: trading state → ACTIVE. */
export const data = localize(approverOnly(guildOnly(new SlashCommandBuilder())), 'resume', (c) => c.resume);
