import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allCommands } from '../../../commands';
import { registerCommands, runRegisterCli, type CliIo } from '../../../commands/register';
import { startFakeDiscord, type FakeDiscord } from '../../support/fake-discord';

const PUT_GUILD = 'PUT /applications/:applicationId/guilds/:guildId/commands';
const PUT_GLOBAL = 'PUT /applications/:applicationId/commands';

let fake: FakeDiscord;

beforeEach(async () => {
  fake = await startFakeDiscord();
});

afterEach(async () => {
  await fake.close();
});

function cli(argv: string[], env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { argv, env, out: (l) => out.push(l), err: (l) => err.push(l) };
  return { io, out, err };
}

describe('registerCommands', () => {
  it('when a guild is given then exactly these commands are PUT to that guild with bot auth', async () => {
    const result = await registerCommands({
      token: fake.botToken,
      applicationId: fake.applicationId,
      guildId: fake.guild.id,
      api: fake.restApiBase,
    });

    expect(fake.requests.map((r) => [r.route, r.status])).toEqual([[PUT_GUILD, 200]]);
    const [put] = fake.requests;
    expect(put!.params).toEqual({ applicationId: fake.applicationId, guildId: fake.guild.id });
    expect(put!.hasAuthorization).toBe(true);
    expect(put!.body).toEqual(JSON.parse(JSON.stringify(allCommands.map((c) => c.toJSON()))));
    expect(result.scope).toBe('guild');
    expect(result.registered.map((c) => c.name)).toEqual(allCommands.map((c) => c.name));
    expect(fake.registeredCommands(fake.guild.id).map((c) => c.name)).toEqual(allCommands.map((c) => c.name));
  });

  it('when no guild is given then the commands are PUT globally', async () => {
    const result = await registerCommands({
      token: fake.botToken,
      applicationId: fake.applicationId,
      api: fake.restApiBase,
    });

    expect(fake.requests.map((r) => r.route)).toEqual([PUT_GLOBAL]);
    expect(result.scope).toBe('global');
    expect(fake.registeredCommands().map((c) => c.name)).toEqual(allCommands.map((c) => c.name));
  });

  it('when registered twice then the second PUT keeps the command ids', async () => {
    const target = {
      token: fake.botToken,
      applicationId: fake.applicationId,
      guildId: fake.guild.id,
      api: fake.restApiBase,
    };

    const first = await registerCommands(target);
    const second = await registerCommands(target);

    expect(second.registered.map((c) => c.id)).toEqual(first.registered.map((c) => c.id));
  });
});

describe('runRegisterCli', () => {
  it('when the environment lacks the token and has a malformed application id then it lists both in Korean and English and exits 1', async () => {
    const { io, err, out } = cli(['--api', fake.restApiBase], {
      DISCORD_TOKEN: '  ',
      DISCORD_APPLICATION_ID: 'my-app',
    });

    const code = await runRegisterCli(io);

    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toContain('환경 변수');
    expect(err[1]).toContain('environment variables');
    expect(err.slice(2)).toEqual([
      '  - DISCORD_TOKEN: 설정되지 않음 / not set',
      '  - DISCORD_APPLICATION_ID: 숫자로 된 Discord ID(17–20자리)가 아닙니다 / not a numeric Discord ID (17–20 digits)',
    ]);
    expect(fake.requests).toEqual([]);
  });

  it('when --api is not an http URL then it prints the usage and exits 1 without calling Discord', async () => {
    const { io, err } = cli(['--api', 'ftp://nowhere'], {
      DISCORD_TOKEN: fake.botToken,
      DISCORD_APPLICATION_ID: fake.applicationId,
    });

    const code = await runRegisterCli(io);

    expect(code).toBe(1);
    expect(err.join('\n')).toContain('--api');
    expect(fake.requests).toEqual([]);
  });

  it('when the environment is complete and --api points at the fake then the guild gets the commands and it exits 0', async () => {
    const { io, out } = cli(['--api', fake.restApiBase], {
      DISCORD_TOKEN: fake.botToken,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guild.id,
    });

    const code = await runRegisterCli(io);

    expect(code).toBe(0);
    expect(fake.requests.map((r) => r.route)).toEqual([PUT_GUILD]);
    expect(out).toEqual([
      `명령 ${allCommands.length}개를 서버 ${fake.guild.id}에 등록했습니다 (즉시 반영).`,
      `Registered ${allCommands.length} commands to guild ${fake.guild.id} (effective immediately).`,
    ]);
  });

  it('when Discord refuses the token then it reports the failure without printing the token and exits 1', async () => {
    const wrongToken = 'wrong-token-that-must-not-be-printed';
    const { io, err } = cli(['--api', fake.restApiBase], {
      DISCORD_TOKEN: wrongToken,
      DISCORD_APPLICATION_ID: fake.applicationId,
    });

    const code = await runRegisterCli(io);

    expect(code).toBe(1);
    expect(fake.requests.map((r) => r.status)).toEqual([401]);
    expect(err.join('\n')).toContain('401');
    expect(err.join('\n')).not.toContain(wrongToken);
  });
});
