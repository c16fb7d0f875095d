import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { apiErrors } from '../api-error';
import { apiUser } from '../fixtures';
import type { Router } from '../router';
import type { FakeDiscordState } from '../state';

export function registerApplicationRoutes(router: Router, state: FakeDiscordState): void {
  const { fixtures, commands } = state;

  router.add('GET', '/gateway/bot', 'bot', () => {
    const body: RESTGetAPIGatewayBotResult = {
      url: state.gatewayUrl(),
      shards: 1,
      // `remaining` below the shard count makes @discordjs/ws refuse to connect.
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    };
    return { status: 200, body };
  });

  router.add('GET', '/gateway', 'none', () => ({ status: 200, body: { url: state.gatewayUrl() } }));

  router.add('GET', '/users/@me', 'bot', () => ({ status: 200, body: apiUser(fixtures.botUser) }));

  router.add('GET', '/applications/@me', 'bot', () => ({
    status: 200,
    body: {
      id: fixtures.applicationId,
      name: fixtures.botUser.username,
      icon: null,
      description: '',
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      team: null,
      bot: apiUser(fixtures.botUser),
    },
  }));

  const checkApplication = (applicationId: string | undefined): void => {
    if (applicationId !== fixtures.applicationId) throw apiErrors.unknownApplication();
  };
  const checkGuild = (guildId: string | undefined): string => {
    if (guildId !== fixtures.guild.id) throw apiErrors.unknownGuild();
    return guildId;
  };

  router.add('PUT', '/applications/:applicationId/commands', 'bot', ({ params, body }) => {
    checkApplication(params.applicationId);
    return {
      status: 200,
      body: commands.overwrite(fixtures.applicationId, null, body, state.settings.validatePayloads),
    };
  });

  router.add('GET', '/applications/:applicationId/commands', 'bot', ({ params }) => {
    checkApplication(params.applicationId);
    return { status: 200, body: commands.list(null) };
  });

  router.add('PUT', '/applications/:applicationId/guilds/:guildId/commands', 'bot', ({ params, body }) => {
    checkApplication(params.applicationId);
    const guildId = checkGuild(params.guildId);
    return {
      status: 200,
      body: commands.overwrite(fixtures.applicationId, guildId, body, state.settings.validatePayloads),
    };
  });

  router.add('GET', '/applications/:applicationId/guilds/:guildId/commands', 'bot', ({ params }) => {
    checkApplication(params.applicationId);
    return { status: 200, body: commands.list(checkGuild(params.guildId)) };
  });
}
