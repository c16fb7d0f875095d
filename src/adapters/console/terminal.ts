/**
 * The terminal channel: reads lines, talks to the Desk, prints answers, proposal cards and order updates.
 * The person at the keyboard is the account owner, so the terminal may approve (the guard still decides).
 */
import type { WatchPublisher } from '../../app/watch/ports';
import { watchAlertLines } from '../../app/watch/text';
import { watchChangeText, watchListLines } from '../../app/watch/command-text';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { CyclePublisher } from '../../app/cycle/ports';
import type { PublicationLog } from '../../app/ports/publication-log';
import type { Readable, Writable } from 'node:stream';
import { AssistantInputError } from '../../app/assistant';
import type { AssistantReply, ConversationRef, Desk, Locale, Speaker } from '../../app/desk-api';
import { blackoutChangeText, blackoutListLines } from '../../app/guard-rails/blackout-text';
import { scorecardPlain, scorecardText } from '../../app/reports/scorecard-text';
import { backtestPlain, backtestText } from '../../app/reports/backtest-text';
import { pnlPlain, pnlText } from '../../app/reports/pnl-text';
import { reportsText } from '../../app/reports/scorecard-text';
import type { IntentRecord, OrderRecord } from '../../app/trading-store';
import { cancelResultText, cancelsText, openOrderLine } from '../../app/guard-rails/cancel-text';
import type { Clock } from '../../domain/clock';
import { kstParts } from '../../domain/market';
import type { RiskCatalog } from '../../domain/risk';
import { consoleEn } from '../../i18n/en/console';
import { riskEn } from '../../i18n/en/risk';
import { consoleKo } from '../../i18n/ko/console';
import { riskKo } from '../../i18n/ko/risk';
import { parseCommand, type TerminalCommand } from './commands';
import { plainText } from './plain-text';
import {
  badgeOf,
  renderApproval,
  renderCard,
  renderCycle,
  renderEvent,
  renderMemories,
  renderPortfolio,
  renderReply,
  renderStatus,
  type Badge,
  type RenderContext,
} from './render';

export interface TerminalChannelOptions {
  desk: Desk;
  input: Readable;
  output: Writable;
  locale: Locale;
  clock: Clock;
  /** Who is typing; the default is a local operator. */
  operator?: { userId: string; displayName: string };
  onError?: (what: string, error: unknown) => void;
}

export interface TerminalChannel {
  /** Reads until /quit or the end of the input. */
  run(): Promise<void>;
  /** Where the daily cycle posts its plan card (as numbered cards to approve) and its briefing. */
  cyclePublisher(options: { chartDir: string; published: PublicationLog }): CyclePublisher;
  /** Where the intraday watch posts its alerts (a sell alert comes with a numbered card to approve). */
  watchPublisher(): WatchPublisher;
}

const MEMORIES_SHOWN = 10;

export function createTerminalChannel(options: TerminalChannelOptions): TerminalChannel {
  const { desk, clock } = options;
  const say = options.locale === 'en' ? consoleEn : consoleKo;
  const risk: RiskCatalog = options.locale === 'en' ? riskEn : riskKo;
  const names = new Map(desk.universe().map((u) => [u.ticker, u.name]));
  const ctx: RenderContext = { say, risk, nameOf: (ticker) => names.get(ticker) ?? '' };
  const operator = options.operator ?? { userId: 'terminal-operator', displayName: 'operator' };
  const speaker: Speaker = { ...operator, locale: options.locale };
  const approver = { userId: operator.userId, roleIds: [] as string[], channel: 'terminal' as const };

  const cards: IntentRecord[] = [];
  /** The list the last `/orders` printed: `/cancel <n>` means its number n. */
  let listedOrders: OrderRecord[] = [];
  let pendingCard: number | null = null;
  let conversation: ConversationRef | null = null;
  let sessionCount = 0;
  let badge: Badge = 'PAPER';

  const print = (text: string) => void options.output.write(`${text}\n`);
  const cardNumberOf = (intentId: string) => {
    const index = cards.findIndex((c) => c.id === intentId);
    return index < 0 ? null : index + 1;
  };

  function showCard(intent: IntentRecord): void {
    cards.push(intent);
    const n = cards.length;
    print(renderCard(intent, n, badge, ctx));
    if (intent.status === 'AWAITING_APPROVAL') pendingCard = n;
  }

  function showReply(reply: AssistantReply): void {
    print(renderReply(reply, ctx));
    for (const intent of reply.proposals) showCard(intent);
  }

  function newConversation(): ConversationRef {
    const p = kstParts(clock.now());
    const stamp = `${p.date.replaceAll('-', '')}${[p.hour, p.minute, p.second].map((n) => String(n).padStart(2, '0')).join('')}`;
    sessionCount += 1;
    return { channel: 'terminal', threadKey: `t-${stamp}-${sessionCount}` };
  }

  async function ask(text: string, fresh: boolean): Promise<void> {
    if (fresh || conversation === null) {
      conversation = newConversation();
      showReply(await desk.startConversation(conversation, speaker, text, text));
    } else {
      showReply(await desk.continueConversation(conversation, speaker, text));
    }
  }

  async function decide(decision: 'approve' | 'reject', n: number | null): Promise<void> {
    if (n === null) return print(say.noPendingCard);
    const intent = cards[n - 1];
    if (!intent) return print(say.noCard(n));
    const result =
      decision === 'approve'
        ? await desk.approve(intent.id, approver)
        : await desk.reject(intent.id, approver);
    print(renderApproval(result, ctx));
    if (result.status === 'needs-reapproval') showCard(result.replacement);
  }

  async function handle(command: TerminalCommand): Promise<void> {
    if (command.kind !== 'decide' && command.kind !== 'empty') pendingCard = null;
    switch (command.kind) {
      case 'empty':
        return;
      case 'ask':
        return ask(command.text, false);
      case 'trade':
        return ask(command.question, true);
      case 'approve-all': {
        const current = await Promise.all(cards.map((c) => desk.getIntent(c.id)));
        const waiting = cards.filter((_, i) => current[i]?.status === 'AWAITING_APPROVAL');
        const ordered = [
          ...waiting.filter((c) => c.side === 'SELL'),
          ...waiting.filter((c) => c.side === 'BUY'),
        ];
        if (ordered.length === 0) return print(say.noPendingCard);
        for (const card of ordered) await decide('approve', cards.indexOf(card) + 1);
        return;
      }
      case 'decide': {
        const n = command.card ?? pendingCard;
        pendingCard = null;
        return decide(command.decision, n);
      }
      case 'portfolio':
        return print(renderPortfolio(await desk.portfolio(), ctx));
      case 'status':
        return print(renderStatus(await desk.status(), ctx));
      case 'trading': {
        const result = await desk.tradingCommand(command.command, operator.userId);
        return print(say.tradingCommand(result.changed, result.state));
      }
      case 'cycle':
        return print(
          renderCycle(
            command.action === 'run' ? await desk.runCycle(operator.userId) : await desk.lastCycle(),
            ctx,
          ),
        );
      case 'memory':
        return print(renderMemories(await desk.memoryShow(command.query, MEMORIES_SHOWN), ctx));
      case 'forget': {
        const forgotten = await desk.memoryForget(command.id, operator.userId);
        return print(forgotten ? say.memory.forgotten(command.id) : say.memory.notFound(command.id));
      }
      case 'blackout-list':
        return print(
          plainText(blackoutListLines(await desk.blackouts(), options.locale, (id) => id).join('\n')),
        );
      case 'blackout-add':
        return print(
          plainText(
            blackoutChangeText(await desk.addBlackout(command.input, approver), 'add', options.locale),
          ),
        );
      case 'blackout-remove':
        return print(
          plainText(
            blackoutChangeText(await desk.removeBlackout(command.id, approver), 'remove', options.locale),
          ),
        );
      case 'scorecard': {
        const person = command.person?.toLowerCase() === 'me' ? operator.userId : command.person;
        const result = await desk.scorecard({ person, period: command.period });
        return print(plainText(scorecardPlain(scorecardText(result, options.locale, (id) => id))));
      }
      case 'backtest': {
        print(plainText(reportsText(options.locale).backtest.running));
        const outcome = await desk.backtest(
          { months: command.months, capital: command.capital },
          operator.userId,
        );
        return print(plainText(backtestPlain(backtestText(outcome, options.locale))));
      }
      case 'pnl':
        return print(
          plainText(pnlPlain(pnlText(await desk.pnl({ period: command.period }), options.locale))),
        );
      case 'watch-add':
        return print(
          plainText(
            watchChangeText(
              await desk.watchAdd(
                { ticker: command.ticker, conditions: command.conditions, thresholds: command.thresholds },
                operator.userId,
              ),
              options.locale,
            ),
          ),
        );
      case 'watch-remove':
        return print(
          plainText(watchChangeText(await desk.watchRemove(command.ticker, operator.userId), options.locale)),
        );
      case 'watch-list':
        return print(plainText(watchListLines(await desk.watchList(), options.locale).join('\n')));
      case 'orders': {
        listedOrders = await desk.openOrders();
        const t = cancelsText(options.locale);
        if (listedOrders.length === 0) return print(t.none);
        const lines = listedOrders.map((order, i) =>
          openOrderLine(order, i + 1, options.locale, names.get(order.ticker) ?? ''),
        );
        return print(plainText([t.title, ...lines, t.terminalHint].join('\n')));
      }
      case 'cancel': {
        const order = listedOrders[command.order - 1];
        if (!order) return print(cancelsText(options.locale).noOrder(command.order));
        return print(plainText(cancelResultText(await desk.cancelOrder(order.id, approver), options.locale)));
      }
      case 'help':
        return print(say.help);
      case 'usage':
        return print(say.usage[command.of]);
      case 'unknown':
        return print(say.unknownCommand(command.name));
      case 'quit':
        return;
    }
  }

  return {
    watchPublisher() {
      return {
        async publishWatchAlert(alert) {
          print(plainText(`\n${watchAlertLines(alert, options.locale).join('\n')}`));
          if (alert.intent) showCard(alert.intent);
        },
      };
    },
    cyclePublisher({ chartDir, published }) {
      const locale = options.locale;
      return {
        async publishPlan(plan, key) {
          if (await published.has(key)) return;
          print(plainText(`\n${plan.title[locale]}\n${plan.summary[locale]}`));
          for (const intent of plan.intents) showCard(intent);
          await published.add(key);
        },
        async publishBriefing(briefing, png, key) {
          if (await published.has(key)) return;
          await mkdir(chartDir, { recursive: true });
          const file = path.join(chartDir, `nav-${briefing.tradeDate}.png`);
          await writeFile(file, png);
          print(plainText(`\n${briefing.text[locale]}`));
          print(`(NAV chart: ${file})`);
          await published.add(key);
        },
      };
    },
    async run() {
      try {
        const status = await desk.status();
        badge = badgeOf(status.environment, status.simulated);
      } catch (error) {
        options.onError?.('status', error);
      }
      print(say.welcome(say.badge[badge]));
      const unsubscribe = desk.events.subscribe((event) => {
        const line = renderEvent(event, ctx, cardNumberOf);
        if (line) print(line);
        // A deferred approval whose price moved too much at the open comes back as a new card to approve.
        if (event.type === 'deferred.released' && event.outcome.status === 'needs-reapproval')
          showCard(event.outcome.replacement);
      });
      const lines = createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
      try {
        for await (const line of lines) {
          const command = parseCommand(line);
          if (command.kind === 'quit') break;
          try {
            await handle(command);
          } catch (error) {
            if (error instanceof AssistantInputError) print(error.userMessage);
            else {
              options.onError?.(command.kind, error);
              print(say.failed);
            }
          }
        }
        print(say.bye);
      } finally {
        unsubscribe();
        lines.close();
      }
    },
  };
}
