/**
 * What the cycle needs from outside: a publisher for the plan card and the briefing (the composition root wires
 * Discord or the terminal to it), a chart renderer and a news source. The cycle never talks to a channel directly.
 */
import type { Locale } from '../desk-api';
import type { IntentRecord } from '../trading-store';
import type { LegVerdict, PlanLeg } from './outputs';

export type Localized = Record<Locale, string>;

/** Shaped like a Discord embed (it fits the Discord channel's BriefingEmbedData as it is). */
export interface BriefingEmbed {
  title: string;
  description: string;
  fields: { name: string; value: string; inline?: boolean }[];
  footer?: string;
}

export interface Briefing {
  tradeDate: string;
  runId: string;
  /**
   * One ready embed per locale, Korean first. News titles inside are untrusted third-party text, left plain:
   * the channel escapes them for its markup and posts with mentions disabled.
   */
  embeds: Record<Locale, BriefingEmbed>;
  /** The same content as plain text per locale (terminal channel, memory). */
  text: Localized;
}

export interface PlanPublication {
  tradeDate: string;
  runId: string;
  mode: 'approve' | 'auto';
  /** A thread title. */
  title: Localized;
  /** The plan as text: legs, the guard's verdicts and why. */
  summary: Localized;
  /**
   * What a conversation in the plan's thread starts from: the summary and the strategy's signals (the model
   * also gets the latest briefing with every turn). Absent from publishers' test doubles.
   */
  context?: Localized;
  legs: PlanLeg[];
  verdicts: LegVerdict[];
  /** Intents awaiting approval, sells first: one card each, plus an approve-all control. */
  intents: IntentRecord[];
}

export interface CyclePublisher {
  /**
   * Posts the plan card. `key` is stable for the run (`daily-run:<runId>:plan`): a crash after posting but
   * before the step's checkpoint calls this again with the same key, so the publisher should skip a key it
   * has already posted.
   */
  publishPlan(plan: PlanPublication, key: string): Promise<void>;
  /** Posts the briefing with its NAV chart (PNG). Same at-least-once contract and key rule as publishPlan. */
  publishBriefing(briefing: Briefing, png: Buffer, key: string): Promise<void>;
}

/** renderLineChartPng (src/adapters/chart) fits this shape; injected because the app layer draws nothing itself. */
export type ChartRenderer = (options: {
  width: number;
  height: number;
  title?: string;
  series: { label: string; color: string; points: { x: number; y: number }[] }[];
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  /** Dashed horizontal lines, e.g. the NAV floor. */
  referenceLines?: { label: string; y: number; color: string }[];
  /** A panel under the plot with the first series' drawdown from its peak, in percent. */
  drawdown?: { label: string; color?: string };
}) => Buffer;

/** createNewsCrawler (src/adapters/news) fits this shape. Every text field is untrusted data. */
export interface NewsSource {
  crawl(feedUrls: readonly string[]): Promise<{
    items: {
      url: string;
      title: string;
      summary: string;
      source: string;
      tickers: string[];
      publishedAt: Date | null;
      fetchedAt: Date;
    }[];
    errors: { url: string; error: { kind: string } }[];
  }>;
}
