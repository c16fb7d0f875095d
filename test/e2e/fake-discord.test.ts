import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FakeClock } from '../../src/adapters/clock/fake';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../support/fake-discord';

const CALLBACK = 'POST /interactions/:interactionId/:token/callback';

interface Harness {
  fake: FakeDiscord;
  client: Client;
  handlerErrors: unknown[];
}

let running: Harness | undefined;

afterEach(async () => {
  if (!running) return;
  await running.client.destroy();
  await running.fake.close();
  running = undefined;
});

/** A logged-in client whose `interactionCreate` runs `handler`; handler failures are collected, not lost. */
async function start(
  handler: (interaction: Interaction) => Promise<void> = async () => {},
  options: FakeDiscordOptions = {},
  intents: GatewayIntentBits[] = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.MessageContent,
  ],
): Promise<Harness> {
  const fake = await startFakeDiscord(options);
  const client = new Client({
    intents,
    rest: { api: fake.restApiBase },
  });
  const handlerErrors: unknown[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
  running = { fake, client, handlerErrors };
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.botToken);
  await ready;
  return running;
}

async function rejection(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

const tradeCommand = new SlashCommandBuilder()
  .setName('trade')
  .setDescription('trade')
  .addStringOption((o) => o.setName('ticker').setDescription('ticker').setAutocomplete(true));

describe('fake discord gateway', () => {
  it('when the client logs in then it is ready with the guild, channels, members and application cached', async () => {
    const { fake, client } = await start();

    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.channels.cache.get(fake.channels.trade.id)?.name).toBe('trade');
    expect(guild?.channels.cache.get(fake.channels.alert.id)?.name).toBe('alert');
    expect(guild?.members.me?.id).toBe(fake.botUser.id);
    expect(guild?.members.cache.get(fake.users.alice.id)?.roles.cache.has(fake.roles.approver)).toBe(true);
    expect(client.application?.id).toBe(fake.applicationId);
    const identify = fake.gatewayFrames.find((frame) => frame.op === 2);
    expect(identify?.d).toMatchObject({ token: '[redacted]', intents: expect.any(Number) as number });
    const gatewayBot = fake.requests.find((r) => r.route === 'GET /gateway/bot');
    expect(gatewayBot?.hasAuthorization).toBe(true);
  });

  it('when an upgrade asks for zlib-stream compression then the fake refuses it', async () => {
    const fake = await startFakeDiscord();
    try {
      const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
      const error = await new Promise<Error>((resolve) => socket.once('error', resolve));

      expect(error.message).toContain('400');
    } finally {
      await fake.close();
    }
  });

  it('when the connection drops then the client resumes and still receives interactions', async () => {
    const { fake, client } = await start(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('pong');
    });
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));

    fake.dropGatewayConnections();
    await resumed;
    const slash = fake.slash(fake.users.alice, 'ping');
    const callback = await fake.waitForCallback(slash);

    expect(fake.gatewayFrames.filter((frame) => frame.op === 6)).toHaveLength(1);
    expect(callback).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, status: 204 });
  });

  it('when a person writes in a thread then the bot receives the message with its content', async () => {
    const { fake, client } = await start();
    const parent = client.channels.cache.get(fake.channels.trade.id) as TextChannel;
    const thread = await parent.threads.create({ name: 'q', type: ChannelType.PublicThread });
    const received = new Promise<Message>((resolve) =>
      client.on(Events.MessageCreate, (m) => {
        if (!m.author.bot) resolve(m);
      }),
    );

    fake.postMessage(fake.users.bob, thread.id, '069500 얼마야?');
    const message = await received;

    expect(message.content).toBe('069500 얼마야?');
    expect(message.channelId).toBe(thread.id);
    expect(message.member?.roles.cache.has(fake.roles.approver)).toBe(true);
  });
  it('when the bot did not ask for the GuildMessages intent then postMessage refuses, as Discord would not deliver', async () => {
    const { fake } = await start(async () => {}, {}, [GatewayIntentBits.Guilds]);

    expect(() => fake.postMessage(fake.users.bob, fake.channels.trade.id, 'hi')).toThrow(/GuildMessages/);
    expect(fake.messagesIn(fake.channels.trade.id)).toEqual([]);
  });

  it('when the bot fetches all members then the gateway answers the op 8 request with a members chunk', async () => {
    const { fake, client } = await start();
    const guild = client.guilds.cache.get(fake.guild.id)!;

    const members = await guild.members.fetch();

    expect(fake.gatewayFrames.filter((frame) => frame.op === 8)).toHaveLength(1);
    expect([...members.keys()].sort()).toEqual(
      [fake.botUser.id, fake.users.alice.id, fake.users.bob.id, fake.users.mallory.id].sort(),
    );
  });
});

describe('fake discord interactions', () => {
  it('when /trade opens a modal, the submit makes a thread with a button and two people click at once then each click gets exactly one callback', async () => {
    let approved = false;
    const harness = await start(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const question = new TextInputBuilder().setCustomId('question').setStyle(TextInputStyle.Paragraph);
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId('trade-modal')
            .setTitle('질문')
            .addLabelComponents(new LabelBuilder().setLabel('질문').setTextInputComponent(question)),
        );
      } else if (interaction.isModalSubmit()) {
        const response = await interaction.deferReply({ flags: MessageFlags.Ephemeral, withResponse: true });
        const channel = interaction.channel as TextChannel;
        const thread = await channel.threads.create({
          name: interaction.fields.getTextInputValue('question'),
          type: ChannelType.PublicThread,
        });
        const approve = new ButtonBuilder()
          .setCustomId('approve:1')
          .setLabel('✅')
          .setStyle(ButtonStyle.Success);
        await thread.send({
          content: '제안',
          components: [new ActionRowBuilder<ButtonBuilder>().addComponents(approve)],
        });
        await interaction.editReply(`<#${thread.id}> ${response.resource?.message?.id ?? 'no-message'}`);
      } else if (interaction.isButton()) {
        if (approved) {
          await interaction.reply({ content: '이미 승인됨', flags: MessageFlags.Ephemeral });
          return;
        }
        approved = true;
        await interaction.update({ content: '승인됨', components: [] });
      }
    });
    const { fake, client, handlerErrors } = harness;
    await client.application!.commands.set([tradeCommand], fake.guild.id);

    const slash = fake.slash(fake.users.alice, 'trade', { ticker: '069500' });
    const modalCallback = await fake.waitForCallback(slash);
    const submit = fake.submitModal(fake.users.alice, 'trade-modal', { question: '069500 살까?' });
    const post = await fake.waitForRequest((r) => r.route === 'POST /channels/:channelId/messages');
    const buttonMessageId = (post.response as { id: string }).id;
    const bobClick = fake.click(fake.users.bob, buttonMessageId, 'approve:1');
    const aliceClick = fake.click(fake.users.alice, buttonMessageId, 'approve:1');
    await Promise.all([fake.waitForCallback(bobClick), fake.waitForCallback(aliceClick)]);
    const editReply = await fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.decodedPath.endsWith('/messages/@original'),
    );

    expect(handlerErrors).toEqual([]);
    expect(modalCallback).toMatchObject({
      type: InteractionResponseType.Modal,
      status: 204,
      data: { custom_id: 'trade-modal' },
    });
    expect(slash.payload.data.options).toEqual([{ name: 'ticker', type: 3, value: '069500' }]);
    const [thread] = fake.threads();
    expect(thread).toMatchObject({
      name: '069500 살까?',
      parent_id: fake.channels.trade.id,
      type: ChannelType.PublicThread,
    });
    expect(post.params.channelId).toBe(thread!.id);
    expect(fake.callbacksFor(bobClick.id).map((c) => c.type)).toEqual([
      InteractionResponseType.UpdateMessage,
    ]);
    expect(fake.callbacksFor(aliceClick.id).map((c) => c.type)).toEqual([
      InteractionResponseType.ChannelMessageWithSource,
    ]);
    expect(fake.message(buttonMessageId)).toMatchObject({ content: '승인됨', components: [] });
    const [submitCallback] = fake.callbacksFor(submit.id);
    expect(submitCallback).toMatchObject({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      withResponse: true,
      status: 200,
    });
    const original = fake.interaction(submit.id)!.originalMessageId!;
    expect(editReply.body).toMatchObject({ content: `<#${thread!.id}> ${original}` });
    expect(fake.message(original)?.flags).toBe(MessageFlags.Ephemeral);
    const callbacks = fake.requests.filter((r) => r.route === CALLBACK);
    expect(callbacks).toHaveLength(4);
    expect(callbacks.every((r) => !r.hasAuthorization)).toBe(true);
    expect(
      fake.requests
        .filter((r) => r.route === 'POST /channels/:channelId/threads')
        .every((r) => r.hasAuthorization),
    ).toBe(true);
  });

  it('when the modal uses legacy action rows then the submission mirrors them and discord.js reads the field', async () => {
    const answers: string[] = [];
    const { fake } = await start(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const input = new TextInputBuilder()
          .setCustomId('question')
          .setLabel('질문')
          .setStyle(TextInputStyle.Short);
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId('ask')
            .setTitle('질문')
            .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
        );
      } else if (interaction.isModalSubmit()) {
        answers.push(interaction.fields.getTextInputValue('question'));
        await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
      }
    });

    await fake.waitForCallback(fake.slash(fake.users.alice, 'ask'));
    const submit = fake.submitModal(fake.users.alice, 'ask', { question: '잔고' });
    await fake.waitForCallback(submit);

    expect(submit.payload.data.components).toEqual([
      { type: 1, components: [{ type: 4, custom_id: 'question', value: '잔고' }] },
    ]);
    expect(answers).toEqual(['잔고']);
  });

  it('when a test submits a field the shown modal does not have then the helper throws', async () => {
    const { fake } = await start(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const input = new TextInputBuilder()
        .setCustomId('question')
        .setLabel('q')
        .setStyle(TextInputStyle.Short);
      await interaction.showModal(
        new ModalBuilder()
          .setCustomId('ask')
          .setTitle('q')
          .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
      );
    });
    await fake.waitForCallback(fake.slash(fake.users.alice, 'ask'));

    expect(() => fake.submitModal(fake.users.alice, 'ask', { question: 'x', typo: 'y' })).toThrow(
      /no field\(s\) typo/,
    );
  });

  it('when the bot answers autocomplete then the choices are recorded as a type 8 callback', async () => {
    const { fake, client } = await start(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond([{ name: `KODEX 200 (${typed})`, value: '069500' }]);
    });
    await client.application!.commands.set([tradeCommand], fake.guild.id);

    const typing = fake.autocomplete(fake.users.alice, 'trade', 'ticker', '0695');
    const callback = await fake.waitForCallback(typing);

    expect(typing.payload.data.options).toEqual([{ name: 'ticker', type: 3, value: '0695', focused: true }]);
    expect(callback).toMatchObject({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: 'KODEX 200 (0695)', value: '069500' }] },
    });
  });

  it('when the bot acknowledges the same interaction twice then the second callback is refused with 40060', async () => {
    const { fake, client } = await start();
    const slash = fake.slash(fake.users.alice, 'status');
    const route = Routes.interactionCallback(slash.id, slash.token);

    await client.rest.post(route, { body: { type: 4, data: { content: 'first' } }, auth: false });
    const error = await rejection(
      client.rest.post(route, { body: { type: 4, data: { content: 'second' } }, auth: false }),
    );

    expect(error.code).toBe(40060);
    expect(fake.callbacksFor(slash.id).map((c) => [c.status, c.errorCode])).toEqual([
      [204, null],
      [400, 40060],
    ]);
    expect(fake.messagesIn(fake.channels.trade.id).map((m) => m.content)).toEqual(['first']);
  });

  it('when the first callback comes after 3 s (enforced by default) then it gets 10062 and the token is dead', async () => {
    const clock = new FakeClock('2026-03-02T00:00:00Z');
    const { fake, client } = await start(async () => {}, { clock });
    const slash = fake.slash(fake.users.alice, 'status');

    clock.advance(3_001);
    const late = await rejection(
      client.rest.post(Routes.interactionCallback(slash.id, slash.token), { body: { type: 5 }, auth: false }),
    );
    const edit = await rejection(
      client.rest.patch(Routes.webhookMessage(fake.applicationId, slash.token, '@original'), {
        body: { content: 'x' },
        auth: false,
      }),
    );

    expect(late.code).toBe(10062);
    expect(edit.code).toBe(50027);
  });

  it('when a followup is sent 15 minutes after the interaction (enforced by default) then it gets 50027', async () => {
    const clock = new FakeClock('2026-03-02T00:00:00Z');
    const { fake, client } = await start(async () => {}, { clock });
    const slash = fake.slash(fake.users.alice, 'status');
    await client.rest.post(Routes.interactionCallback(slash.id, slash.token), {
      body: { type: 5 },
      auth: false,
    });

    clock.advance(15 * 60_000 + 1);
    const error = await rejection(
      client.rest.post(Routes.webhook(fake.applicationId, slash.token), {
        body: { content: 'late' },
        auth: false,
      }),
    );

    expect(error.code).toBe(50027);
  });

  it('when a test asks for lenientAckDeadline and lenientTokenExpiry then late answers are accepted', async () => {
    const clock = new FakeClock('2026-03-02T00:00:00Z');
    const { fake, client } = await start(async () => {}, {
      clock,
      lenientAckDeadline: true,
      lenientTokenExpiry: true,
    });
    const slash = fake.slash(fake.users.alice, 'status');

    clock.advance(20 * 60_000);
    await client.rest.post(Routes.interactionCallback(slash.id, slash.token), { body: { type: 5 }, auth: false });
    await client.rest.post(Routes.webhook(fake.applicationId, slash.token), {
      body: { content: 'late' },
      auth: false,
    });

    expect(fake.timingViolations()).toEqual([]);
    expect(fake.messagesIn(fake.channels.trade.id).map((m) => m.content)).toEqual(['late']);
  });

  it('when an upload is larger than the attachment size limit then it gets 413 40005 and nothing is posted', async () => {
    const { fake, client } = await start(async () => {}, { attachmentSizeLimit: 1_000 });
    const channel = (await client.channels.fetch(fake.channels.trade.id)) as TextChannel;

    const error = await rejection(
      channel.send({ files: [{ attachment: Buffer.alloc(1_001), name: 'big.md' }] }),
    );
    await channel.send({ files: [{ attachment: Buffer.alloc(1_000), name: 'ok.md' }] });

    expect([error.status, error.code]).toEqual([413, 40005]);
    expect(fake.messagesIn(fake.channels.trade.id).map((m) => m.attachments.map((a) => a.filename))).toEqual([
      ['ok.md'],
    ]);
  });

  it('when a message carries 11 files then it is refused as an invalid form body', async () => {
    const { fake, client } = await start();
    const channel = (await client.channels.fetch(fake.channels.trade.id)) as TextChannel;
    const files = Array.from({ length: 11 }, (_, i) => ({ attachment: Buffer.from('x'), name: `f${i}.txt` }));

    const error = await rejection(channel.send({ files }));

    expect(error.code).toBe(50035);
    expect(fake.messagesIn(fake.channels.trade.id)).toEqual([]);
  });

  it('when the fake answers 429 with retry_after then discord.js waits and sends the same request again', async () => {
    const { fake, client } = await start();
    const channel = (await client.channels.fetch(fake.channels.trade.id)) as TextChannel;
    fake.rateLimitNext('POST /channels/:channelId/messages', { retryAfterMs: 300 });

    await channel.send('hello');

    const posts = fake.requests.filter((r) => r.route === 'POST /channels/:channelId/messages');
    expect(posts.map((r) => [r.status, (r.body as { content?: string }).content])).toEqual([
      [429, 'hello'],
      [200, 'hello'],
    ]);
    expect(posts[0]!.response).toEqual({ message: 'You are being rate limited.', retry_after: 0.3, global: false });
    expect(posts[0]!.responseHeaders).toMatchObject({
      'retry-after': '1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': '0.300',
      'x-ratelimit-scope': 'user',
    });
    expect(fake.messagesIn(fake.channels.trade.id).map((m) => m.content)).toEqual(['hello']);
  });

  it('when a followup follows a deferred reply then it fills in the loading message instead of posting a new one', async () => {
    const { fake } = await start(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.followUp('done');
      await interaction.followUp('second');
    });

    const slash = fake.slash(fake.users.alice, 'portfolio');
    await fake.waitForRequest(
      (r) =>
        r.route === 'POST /webhooks/:applicationId/:token' &&
        (r.body as { content?: string }).content === 'second',
    );

    const messages = fake.messagesIn(fake.channels.trade.id);
    expect(messages.map((m) => [m.content, m.flags])).toEqual([
      ['done', 0],
      ['second', 0],
    ]);
    expect(messages[0]!.id).toBe(fake.interaction(slash.id)!.originalMessageId);
  });
});

describe('fake discord REST', () => {
  it('when a route is unknown then the reply is JSON 404 with code 0 naming the route', async () => {
    const { fake, client } = await start();

    const error = await rejection(client.rest.get(`/guilds/${fake.guild.id}/nowhere`));

    expect(error.status).toBe(404);
    expect(error.code).toBe(0);
    expect(error.message).toContain(`fake: no route for GET /guilds/${fake.guild.id}/nowhere`);
  });

  it('when files are attached then the request records their names and sizes and the message lists them', async () => {
    const { fake, client } = await start();
    const channel = client.channels.cache.get(fake.channels.briefing.id) as TextChannel;

    const sent = await channel.send({
      content: 'chart',
      files: [{ attachment: Buffer.alloc(1234, 7), name: 'nav.png' }],
    });

    const request = fake.requests.find((r) => r.route === 'POST /channels/:channelId/messages')!;
    expect(request.files.map((f) => [f.field, f.name, f.size])).toEqual([['files[0]', 'nav.png', 1234]]);
    expect(request.body).toMatchObject({ content: 'chart' });
    expect(sent.attachments.first()?.name).toBe('nav.png');
    expect(fake.messagesIn(fake.channels.briefing.id)[0]!.attachments[0]).toMatchObject({
      filename: 'nav.png',
      size: 1234,
    });
  });

  it('when the bot archives a thread then the fake stores it archived and discord.js sees the update', async () => {
    const { fake, client } = await start();
    const parent = client.channels.cache.get(fake.channels.trade.id) as TextChannel;
    const thread = await parent.threads.create({ name: 'done', type: ChannelType.PublicThread });

    await thread.setArchived(true);

    expect(fake.channel(thread.id)).toMatchObject({ thread_metadata: { archived: true } });
    expect(thread.archived).toBe(true);
  });

  it('when the bot starts a thread from its message then the thread takes the message id and a second start is refused', async () => {
    const { fake, client } = await start();
    const channel = client.channels.cache.get(fake.channels.trade.id) as TextChannel;
    const message = await channel.send('제안');

    const thread = await message.startThread({ name: '제안 스레드' });
    const again = await rejection(
      client.rest.post(Routes.threads(channel.id, message.id), { body: { name: 'again' } }),
    );

    expect(thread.id).toBe(message.id);
    expect(fake.channel(message.id)).toMatchObject({ parent_id: channel.id, type: ChannelType.PublicThread });
    expect(again.code).toBe(160004);
  });

  it('when the bot reacts to a message then the decoded emoji is in the request log', async () => {
    const { fake, client } = await start();
    const channel = client.channels.cache.get(fake.channels.alert.id) as TextChannel;
    const message = await channel.send('경보');

    await message.react('✅');

    const reaction = fake.requests.at(-1)!;
    expect(reaction.route).toBe('PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me');
    expect(reaction.params).toEqual({ channelId: channel.id, messageId: message.id, emoji: '✅' });
  });

  it('when the bot fetches one member by id then it goes over REST and gets the roles', async () => {
    const { fake, client } = await start();
    const guild = client.guilds.cache.get(fake.guild.id)!;

    const mallory = await guild.members.fetch({ user: fake.users.mallory.id, force: true });

    expect(fake.requests.at(-1)?.route).toBe('GET /guilds/:guildId/members/:userId');
    expect(mallory.roles.cache.has(fake.roles.approver)).toBe(false);
  });

  it('when a test clicks a disabled or missing button then the helper throws instead of sending', async () => {
    const { fake, client } = await start();
    const channel = client.channels.cache.get(fake.channels.trade.id) as TextChannel;
    const done = new ButtonBuilder()
      .setCustomId('approve:9')
      .setLabel('done')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(true);
    const message = await channel.send({
      content: 'x',
      components: [new ActionRowBuilder<ButtonBuilder>().addComponents(done)],
    });

    expect(() => fake.click(fake.users.alice, message.id, 'approve:9')).toThrow(/disabled/);
    expect(() => fake.click(fake.users.alice, message.id, 'reject:9')).toThrow(
      /has no component "reject:9"; it has approve:9/,
    );
    expect(fake.requests.filter((r) => r.route === CALLBACK)).toEqual([]);
  });

  const overLimit: { label: string; body: Record<string, unknown>; path: string }[] = [
    { label: 'content of 2001 characters', body: { content: 'x'.repeat(2001) }, path: 'content' },
    {
      label: 'an embed title of 257 characters',
      body: { embeds: [{ title: 'x'.repeat(257) }] },
      path: 'embeds.0.title',
    },
    {
      label: 'an embed description of 4097 characters',
      body: { embeds: [{ description: 'x'.repeat(4097) }] },
      path: 'embeds.0.description',
    },
    {
      label: '26 embed fields',
      body: { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
      path: 'embeds.0.fields',
    },
    {
      label: 'a field name of 257 characters',
      body: { embeds: [{ fields: [{ name: 'x'.repeat(257), value: 'v' }] }] },
      path: 'embeds.0.fields.0.name',
    },
    {
      label: 'a field value of 1025 characters',
      body: { embeds: [{ fields: [{ name: 'n', value: 'x'.repeat(1025) }] }] },
      path: 'embeds.0.fields.0.value',
    },
    {
      label: 'an empty field value',
      body: { embeds: [{ fields: [{ name: 'n', value: '' }] }] },
      path: 'embeds.0.fields.0.value',
    },
    {
      label: 'embeds totalling 6001 characters',
      body: { embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] },
      path: 'embeds',
    },
    {
      label: '6 action rows',
      body: { components: Array.from({ length: 6 }, (_, i) => row([button(`b${i}`)])) },
      path: 'components',
    },
    {
      label: '6 buttons in a row',
      body: { components: [row(Array.from({ length: 6 }, (_, i) => button(`b${i}`)))] },
      path: 'components.0.components',
    },
    {
      label: 'a custom id of 101 characters',
      body: { components: [row([button('x'.repeat(101))])] },
      path: 'components.0.components.0.custom_id',
    },
    {
      label: 'a duplicated custom id',
      body: { components: [row([button('same'), button('same')])] },
      path: 'components.0.components.1.custom_id',
    },
  ];

  it.each(overLimit)(
    'when a message has $label then the fake answers 400 50035 naming $path',
    async ({ body, path }) => {
      const { fake, client } = await start();

      const error = await rejection(
        client.rest.post(Routes.channelMessages(fake.channels.trade.id), { body }),
      );

      expect([error.status, error.code]).toEqual([400, 50035]);
      expect(error.message).toContain(path);
      expect(fake.messagesIn(fake.channels.trade.id)).toEqual([]);
    },
  );

  it('when a message sits exactly at the limits then it is accepted', async () => {
    const { fake, client } = await start();
    const fields = Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(40) }));
    const body = {
      content: 'x'.repeat(2000),
      embeds: [{ title: 't'.repeat(256), description: 'd'.repeat(4096), fields }],
      components: Array.from({ length: 5 }, (_, r) =>
        row(Array.from({ length: 5 }, (_, b) => button(`${r}:${b}:${'c'.repeat(90)}`))),
      ),
    };

    await client.rest.post(Routes.channelMessages(fake.channels.trade.id), { body });

    expect(fake.messagesIn(fake.channels.trade.id)).toHaveLength(1);
  });
});

function button(customId: string) {
  return { type: 2, style: 1, label: 'b', custom_id: customId };
}

function row(components: unknown[]) {
  return { type: 1, components };
}
