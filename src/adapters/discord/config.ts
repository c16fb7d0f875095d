import { z } from 'zod';

const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord id (15–21 digits)');

/**
 * What the channel needs to know about the Discord side. An allow-list with neither users nor roles is a
 * configuration error: approvals are deny-by-default and an empty list would make ✅ useless.
 */
export const discordChannelConfigSchema = z
  .object({
    token: z.string().min(1, 'the bot token is required'),
    applicationId: snowflake,
    guildId: snowflake,
    tradeChannelId: snowflake,
    briefingChannelId: snowflake,
    alertChannelId: snowflake,
    approverUserIds: z.array(snowflake).default([]),
    approverRoleIds: z.array(snowflake).default([]),
  })
  .refine((c) => c.approverUserIds.length + c.approverRoleIds.length > 0, {
    message: 'set at least one approver user id or approver role id',
    path: ['approverUserIds'],
  })
  // The guild's id is also its @everyone role: as an approver role it would make every member an approver.
  .refine((c) => !c.approverRoleIds.includes(c.guildId), {
    message: 'the guild id is the @everyone role and cannot be an approver role',
    path: ['approverRoleIds'],
  });

export type DiscordChannelConfig = z.infer<typeof discordChannelConfigSchema>;
export type DiscordChannelConfigInput = z.input<typeof discordChannelConfigSchema>;

export class DiscordConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Discord channel configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DiscordConfigError';
  }
}

/** Every problem at once; the messages name fields, never values (the token must not reach a log). */
export function parseDiscordChannelConfig(input: DiscordChannelConfigInput): DiscordChannelConfig {
  const parsed = discordChannelConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new DiscordConfigError(
    parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`),
  );
}
