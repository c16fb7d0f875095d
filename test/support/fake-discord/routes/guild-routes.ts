import { apiErrors } from '../api-error';
import { guildMembers, guildObject } from '../guild-payloads';
import type { Router } from '../router';
import type { FakeDiscordState } from '../state';

export function registerGuildRoutes(router: Router, state: FakeDiscordState): void {
  const checkGuild = (guildId: string | undefined): void => {
    if (guildId !== state.fixtures.guild.id) throw apiErrors.unknownGuild();
  };

  router.add('GET', '/guilds/:guildId', 'bot', ({ params }) => {
    checkGuild(params.guildId);
    return { status: 200, body: guildObject(state) };
  });

  router.add('GET', '/guilds/:guildId/channels', 'bot', ({ params }) => {
    checkGuild(params.guildId);
    return { status: 200, body: state.store.guildChannels() };
  });

  router.add('GET', '/guilds/:guildId/members/:userId', 'bot', ({ params }) => {
    checkGuild(params.guildId);
    const member = guildMembers(state).find((m) => m.user.id === params.userId);
    if (!member) throw apiErrors.unknownMember();
    return { status: 200, body: member };
  });
}
