import { describe, expect, it } from 'vitest';
import {
  firstDenial,
  requireAllowedApprover,
  requireConfiguredGuild,
  requireTradeChannel,
} from '../../../src/adapters/discord/preconditions';

const config = {
  guildId: '100000000000000100',
  tradeChannelId: '100000000000000201',
  approverUserIds: ['100000000000000401'],
  approverRoleIds: ['100000000000000301'],
};

describe('discord preconditions', () => {
  it('when the interaction comes from the configured guild then it passes, and from another guild or a DM it is denied', () => {
    expect(requireConfiguredGuild(config.guildId, config)).toEqual({ ok: true });
    expect(requireConfiguredGuild('999999999999999999', config)).toEqual({
      ok: false,
      denial: 'wrong-guild',
    });
    expect(requireConfiguredGuild(null, config)).toEqual({ ok: false, denial: 'wrong-guild' });
  });

  it('when /trade is used in the trade channel then it passes, and anywhere else (a thread included) it is denied', () => {
    expect(requireTradeChannel(config.tradeChannelId, config)).toEqual({ ok: true });
    expect(requireTradeChannel('100000000000000202', config)).toEqual({ ok: false, denial: 'wrong-channel' });
    expect(requireTradeChannel(undefined, config)).toEqual({ ok: false, denial: 'wrong-channel' });
  });

  it('when the clicker is a listed user or holds a listed role then approval is allowed', () => {
    expect(requireAllowedApprover('100000000000000401', [], config)).toEqual({ ok: true });
    expect(requireAllowedApprover('100000000000000999', ['100000000000000301'], config)).toEqual({
      ok: true,
    });
  });

  it('when the clicker is neither listed nor holds a listed role then approval is denied', () => {
    expect(requireAllowedApprover('100000000000000403', ['100000000000000100'], config)).toEqual({
      ok: false,
      denial: 'not-approver',
    });
  });

  it('when both allow-lists are empty then nobody is allowed (deny by default)', () => {
    const empty = { approverUserIds: [], approverRoleIds: [] };

    expect(requireAllowedApprover('100000000000000401', ['100000000000000301'], empty)).toEqual({
      ok: false,
      denial: 'not-approver',
    });
  });

  it('when several checks run then the first denial is reported', () => {
    const result = firstDenial(
      requireConfiguredGuild(config.guildId, config),
      requireTradeChannel('1', config),
      requireAllowedApprover('2', [], config),
    );

    expect(result).toEqual({ ok: false, denial: 'wrong-channel' });
  });
});
