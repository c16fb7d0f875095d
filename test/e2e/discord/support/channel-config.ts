import type { DiscordChannelConfigInput } from '../../../../src/adapters/discord';
import type { FakeDiscord } from '../../../support/fake-discord';

/** The channel configured for the fake's fixture guild; approvers are holders of the approver role (alice, bob). */
export function channelConfigFor(fake: FakeDiscord): DiscordChannelConfigInput {
  return {
    token: fake.botToken,
    applicationId: fake.applicationId,
    guildId: fake.guild.id,
    tradeChannelId: fake.channels.trade.id,
    briefingChannelId: fake.channels.briefing.id,
    alertChannelId: fake.channels.alert.id,
    approverUserIds: [],
    approverRoleIds: [fake.roles.approver],
  };
}
