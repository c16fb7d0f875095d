import { SlashCommandBuilder } from 'discord.js';
import { approverOnly } from './approver-only';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/stopentry`: trading state → REDUCING (only sells of holdings). */
export const data = localize(
  approverOnly(guildOnly(new SlashCommandBuilder())),
  'stopentry',
  (c) => c.stopentry,
);
