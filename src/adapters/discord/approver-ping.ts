import type { MessageMentionOptions } from 'discord.js';
import type { DiscordChannelConfig } from './config';

/** The mention line that calls the approvers, and the allowed mentions that let exactly those ids ping. */
export interface ApproverPing {
  mentions: string;
  allowedMentions: MessageMentionOptions;
}

/**
 * Who a card, the daily plan or a critical alert calls: the approver roles, and approver users listed by id.
 * The guild id is never pinged as a role (it is @everyone). Null when nobody could be called.
 */
export function approverPing(
  config: Pick<DiscordChannelConfig, 'guildId' | 'approverRoleIds' | 'approverUserIds'>,
): ApproverPing | null {
  const roles = [...new Set(config.approverRoleIds)].filter((id) => id !== config.guildId);
  const users = [...new Set(config.approverUserIds)];
  if (roles.length + users.length === 0) return null;
  return {
    mentions: [...roles.map((id) => `<@&${id}>`), ...users.map((id) => `<@${id}>`)].join(' '),
    allowedMentions: { parse: [], roles, users, repliedUser: false },
  };
}
