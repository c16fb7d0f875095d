import { SlashCommandBuilder } from 'discord.js';
import { approverOnly } from './approver-only';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/stop`: trading state → HALTED (only cancels go to the broker). */
export const data = localize(approverOnly(guildOnly(new SlashCommandBuilder())), 'stop', (c) => c.stop);
