import { describe, expect, it } from 'vitest';
import { DiscordConfigError, parseDiscordChannelConfig } from '../../../src/adapters/discord/config';

const valid = {
  token: 'secret-bot-token-value',
  applicationId: '100000000000000001',
  guildId: '100000000000000100',
  tradeChannelId: '100000000000000201',
  briefingChannelId: '100000000000000202',
  alertChannelId: '100000000000000203',
  approverUserIds: [],
  approverRoleIds: ['100000000000000301'],
};

function problems(input: Parameters<typeof parseDiscordChannelConfig>[0]): string[] {
  try {
    parseDiscordChannelConfig(input);
    return [];
  } catch (error) {
    if (error instanceof DiscordConfigError) return error.problems;
    throw error;
  }
}

describe('discord channel config', () => {
  it('when every field is valid then it parses', () => {
    expect(parseDiscordChannelConfig(valid)).toMatchObject({ approverRoleIds: ['100000000000000301'] });
  });

  it('when the allow-list has no users and no roles then configuration fails', () => {
    expect(problems({ ...valid, approverRoleIds: [] })).toEqual([
      'approverUserIds: set at least one approver user id or approver role id',
    ]);
  });

  it('when the guild id (the @everyone role) is listed as an approver role then configuration fails', () => {
    expect(problems({ ...valid, approverRoleIds: [valid.guildId, '100000000000000301'] })).toEqual([
      'approverRoleIds: the guild id is the @everyone role and cannot be an approver role',
    ]);
  });

  it('when several fields are wrong then one error names every field and never the token', () => {
    const error = (() => {
      try {
        parseDiscordChannelConfig({
          ...valid,
          guildId: 'guild',
          tradeChannelId: '12',
          approverUserIds: ['bob'],
        });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();

    expect(error).toBeInstanceOf(DiscordConfigError);
    expect(error!.message).toContain('guildId');
    expect(error!.message).toContain('tradeChannelId');
    expect(error!.message).toContain('approverUserIds.0');
    expect(error!.message).not.toContain(valid.token);
  });
});
