import type { DiscordChannelConfig } from './config';

export type Denial = 'wrong-guild' | 'wrong-channel' | 'not-approver';

export type PreconditionResult = { ok: true } | { ok: false; denial: Denial };

const OK: PreconditionResult = { ok: true };

/** The desk serves one guild; an interaction from any other server (or a DM) is refused. */
export function requireConfiguredGuild(
  guildId: string | null | undefined,
  config: Pick<DiscordChannelConfig, 'guildId'>,
): PreconditionResult {
  return guildId === config.guildId ? OK : { ok: false, denial: 'wrong-guild' };
}

/** `/trade` and its modal open threads in the configured trade channel only. */
export function requireTradeChannel(
  channelId: string | null | undefined,
  config: Pick<DiscordChannelConfig, 'tradeChannelId'>,
): PreconditionResult {
  return channelId === config.tradeChannelId ? OK : { ok: false, denial: 'wrong-channel' };
}

/** Deny by default: a listed user, or a holder of a listed role. Empty lists allow nobody. */
export function requireAllowedApprover(
  userId: string,
  roleIds: readonly string[],
  config: Pick<DiscordChannelConfig, 'approverUserIds' | 'approverRoleIds'>,
): PreconditionResult {
  const allowed =
    config.approverUserIds.includes(userId) || roleIds.some((role) => config.approverRoleIds.includes(role));
  return allowed ? OK : { ok: false, denial: 'not-approver' };
}

/** Runs checks in order and returns the first denial. */
export function firstDenial(...results: PreconditionResult[]): PreconditionResult {
  return results.find((result) => !result.ok) ?? OK;
}
