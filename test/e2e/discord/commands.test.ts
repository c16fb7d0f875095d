import { InteractionResponseType, Locale, MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { bodyOf, CHANNEL_MESSAGE, editOf } from './support/flows';
import { startDiscordHarness, type DiscordHarness } from './support/harness';

describe.each(testDatabaseTargets())('discord slash commands on $name', (target) => {
  const handle = useTestDatabase(target);
  let h: DiscordHarness | undefined;

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when an English client asks for /portfolio then the deferred ephemeral reply is an English embed', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake, broker } = h;
    broker.cash = 892_045;
    broker.holdings.set('069500', { quantity: 3, purchaseAmount: 107_955 });

    const slash = fake.slash(fake.users.mallory, 'portfolio', {}, { locale: Locale.EnglishUS });
    const edit = await editOf(fake, slash);

    expect(fake.callbacksFor(slash.id).map((c) => [c.type, (c.data as { flags?: number }).flags])).toEqual([
      [InteractionResponseType.DeferredChannelMessageWithSource, MessageFlags.Ephemeral],
    ]);
    const embed = bodyOf(edit).embeds![0]!;
    expect(embed.title).toBe('Portfolio');
    expect(embed.description).toContain('**069500 KODEX 200** 3 sh · ₩107,940 · P&L -₩15 · weight 10.79%');
  });

  it('when mallory uses /stop then she is refused privately and the trading state does not change', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake, core } = h;

    const slash = fake.slash(fake.users.mallory, 'stop');
    const callback = await fake.waitForCallback(slash);

    expect(callback).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    expect(await core.tradingState.persisted()).toBeNull();
    expect((await core.tradingState.effective()).state).toBe('ACTIVE');
  });

  it('when bob uses /stop then trading halts, the answer is public and the alert channel hears of it', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake, core } = h;

    const slash = fake.slash(fake.users.bob, 'stop');
    const edit = await editOf(fake, slash);
    const alert = await fake.waitForRequest(
      (r) => r.route === CHANNEL_MESSAGE && r.params.channelId === fake.channels.alert.id,
    );

    const ephemeral = (c: { data: unknown }) =>
      ((c.data as { flags?: number } | undefined)?.flags ?? 0) & MessageFlags.Ephemeral;
    expect(fake.callbacksFor(slash.id).map((c) => [c.type, ephemeral(c)])).toEqual([
      [InteractionResponseType.DeferredChannelMessageWithSource, 0],
    ]);
    expect(bodyOf(edit).embeds![0]!.description).toBe('매매 상태를 중지 (HALTED)(으)로 바꿨습니다.');
    expect((await core.tradingState.effective()).state).toBe('HALTED');
    expect(bodyOf(alert).embeds![0]!.description).toBe('매매 상태: 정상 (ACTIVE) → 중지 (HALTED)');
  });

  it('when /trade is used outside the trade channel then no modal opens and the person is told where to go', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake } = h;

    const slash = fake.slash(fake.users.alice, 'trade', {}, { channelId: fake.channels.briefing.id });
    const callback = await fake.waitForCallback(slash);

    expect(callback).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: {
        content: `이 명령은 <#${fake.channels.trade.id}> 채널에서만 쓸 수 있습니다.`,
        flags: MessageFlags.Ephemeral,
      },
    });
  });

  it('when someone types in the ticker option then autocomplete offers matching ETFs from the desk universe', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake } = h;

    const typing = fake.autocomplete(fake.users.alice, 'trade', 'ticker', 'kodex');
    const callback = await fake.waitForCallback(typing);

    expect(callback).toMatchObject({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: {
        choices: [
          { name: '069500 KODEX 200', value: '069500' },
          { name: '114260 KODEX 국고채3년', value: '114260' },
        ],
      },
    });
  });

  it('when /memory show, /cycle last and /help are used then each gets exactly one ephemeral answer', async () => {
    h = await startDiscordHarness(handle.database);
    const { fake } = h;

    const memory = fake.slash(fake.users.alice, 'memory', {}, { subcommand: 'show' });
    const cycle = fake.slash(fake.users.alice, 'cycle', {}, { subcommand: 'last' });
    const help = fake.slash(fake.users.alice, 'help', {}, { locale: Locale.EnglishGB });
    const [memoryEdit, cycleEdit, helpCallback] = await Promise.all([
      editOf(fake, memory),
      editOf(fake, cycle),
      fake.waitForCallback(help),
    ]);

    expect(bodyOf(memoryEdit).embeds![0]!.description).toContain('`m-1`');
    expect(bodyOf(cycleEdit).embeds![0]!.description).toBe('아직 실행된 일일 사이클이 없습니다.');
    expect(helpCallback).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral, embeds: [{ title: 'kis-desk help' }] },
    });
    for (const interaction of [memory, cycle, help])
      expect(fake.callbacksFor(interaction.id)).toHaveLength(1);
  });
});
