/**
 * Issue 12 item 7 against the fake Discord with the real discord.js client: a channel permission the bot lacks
 * (403 50013) is told to the person in their language and logged with the permission's name; the desk-changing
 * commands are registered with default member permissions.
 */
import { Locale } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, editOf, QUESTION } from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';

const CREATE_THREAD = 'POST /channels/:channelId/threads';
const CHANNEL_MESSAGE = 'POST /channels/:channelId/messages';

describe.each(testDatabaseTargets())('discord permissions on $name', (target) => {
  const handle = useTestDatabase(target);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when the bot may not create threads in the trade channel then /trade tells the person which permission is missing, in Korean, and the log names it', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, logs } = h;
    fake.setPermission(fake.channels.trade.id, 'CreatePublicThreads', false);

    // Act
    const slash = fake.slash(fake.users.alice, 'trade', { ticker: '069500' });
    await fake.waitForCallback(slash);
    const submit = fake.submitModal(fake.users.alice, 'trade-modal', {
      question: QUESTION,
      ticker: '069500',
    });
    const answer = await editOf(fake, submit);

    // Assert
    expect(fake.requests.filter((r) => r.route === CREATE_THREAD).map((r) => r.status)).toEqual([403]);
    expect(bodyOf(answer).content).toBe(
      `봇에 <#${fake.channels.trade.id}>의 '공개 스레드 만들기' 권한이 없어 처리하지 못했습니다. 서버 관리자에게 권한을 요청하세요.`,
    );
    expect(fake.threads()).toEqual([]);
    expect(logs.filter((l) => l.msg === 'missing Discord permission CreatePublicThreads')).toHaveLength(1);
    expect(h.conversations.started).toEqual([]);
  });

  it('when the bot may not send in the trade channel’s threads then the English-speaking asker hears which permission is missing and the log names it', async () => {
    // Arrange
    h = await startDiscordHarness(handle.database);
    const { fake, logs } = h;
    fake.setPermission(fake.channels.trade.id, 'SendMessages', false);

    // Act
    const slash = fake.slash(fake.users.alice, 'trade', { ticker: '069500' }, { locale: Locale.EnglishUS });
    await fake.waitForCallback(slash);
    const submit = fake.submitModal(
      fake.users.alice,
      'trade-modal',
      { question: QUESTION, ticker: '069500' },
      { locale: Locale.EnglishUS },
    );
    const answer = await fake.waitForRequest(
      (r) => r.params.token === submit.token && (bodyOf(r).content ?? '').includes('permission'),
    );

    // Assert
    const [thread] = fake.threads();
    expect(fake.requests.filter((r) => r.route === CHANNEL_MESSAGE).map((r) => r.status)).toEqual([403]);
    expect(bodyOf(answer).content).toBe(
      `The bot lacks the 'Send Messages in Threads' permission in <#${thread!.id}>, so this could not be done. Ask a server admin to grant it.`,
    );
    expect(
      logs.filter(
        (l) =>
          l.msg === 'missing Discord permission SendMessagesInThreads' &&
          (l.obj as { permission?: string }).permission === 'SendMessagesInThreads',
      ),
    ).toHaveLength(1);
  });

  it('when the commands are registered then /stop, /stopentry, /resume and /cycle need Manage Server by default and the rest do not', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake } = h;

    const gated = fake
      .registeredCommands(fake.guild.id)
      .filter((c) => c.default_member_permissions !== null && c.default_member_permissions !== undefined)
      .map((c) => [c.name, c.default_member_permissions]);

    expect(gated).toEqual([
      ['stop', '32'],
      ['stopentry', '32'],
      ['resume', '32'],
      ['cycle', '32'],
    ]);
  });
});
