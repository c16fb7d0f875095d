/**
 * The offline planner's words: replies that ask for what is missing, and answers that quote the tool results
 * as they came back (it does not know their shapes, so it shows their fields rather than interpreting them).
 */
import type { OfflineMessages, OfflineToolName } from '../../../i18n/ko/offline';
import { toolSentence } from './sentences';
import type { Reply } from './understand';

export interface ToolOutcome {
  name: string;
  argumentsJson: string;
  content: string;
}

const LONGEST_ANSWER = 1_900;
const LONGEST_TEXT_RESULT = 600;
const MOST_LIST_ITEMS = 8;
const MOST_FIELDS = 12;
const DEEPEST = 2;

export function renderReply(reply: Reply, messages: OfflineMessages): string {
  return [messages.notice, replyText(reply, messages)].join('\n\n');
}

function replyText(reply: Reply, messages: OfflineMessages): string {
  switch (reply.code) {
    case 'help':
      return messages.help;
    case 'not_understood':
      return `${messages.notUnderstood}\n\n${messages.help}`;
    case 'ask_ticker':
      return messages.askTicker;
    case 'unknown_ticker':
      return messages.unknownTicker({ ticker: reply.ticker });
    case 'ambiguous_tickers':
      return messages.ambiguousTickers({ tickers: reply.tickers });
    case 'ask_quantity':
      return messages.askQuantity({ ticker: reply.ticker });
    case 'ask_side':
      return messages.askSide;
    case 'ask_limit_price':
      return messages.askLimitPrice({ ticker: reply.ticker });
    case 'conflicting_order_type':
      return messages.conflictingOrderType;
    case 'whole_won_price':
      return messages.wholeWonPrice;
  }
}

export function renderToolUnavailable(tool: OfflineToolName, messages: OfflineMessages): string {
  return [messages.notice, messages.toolUnavailable({ tool })].join('\n\n');
}

export function renderToolResults(outcomes: ToolOutcome[], messages: OfflineMessages): string {
  const sections = outcomes.map((outcome) => {
    // Results the planner knows are said in a sentence; the card (for proposals) shows the rest.
    const sentence = toolSentence(outcome.name, outcome.argumentsJson, outcome.content, messages);
    if (sentence !== null) return sentence;
    const label = isKnownTool(outcome.name, messages) ? messages.toolLabels[outcome.name] : outcome.name;
    const subject = subjectOf(outcome.argumentsJson);
    const header = subject ? `[${label} · ${subject}]` : `[${label}]`;
    return `${header}\n${renderContent(outcome.content, messages)}`;
  });
  const proposed = outcomes.some(
    (outcome) =>
      outcome.name === 'propose_order' &&
      toolSentence(outcome.name, outcome.argumentsJson, outcome.content, messages) === null,
  );
  const answer = [messages.notice, ...sections, ...(proposed ? [messages.proposalNote] : [])].join('\n\n');
  return answer.length <= LONGEST_ANSWER ? answer : `${answer.slice(0, LONGEST_ANSWER - 1)}…`;
}

function isKnownTool(name: string, messages: OfflineMessages): name is OfflineToolName {
  return Object.hasOwn(messages.toolLabels, name);
}

/** The ticker or query the call was about, for the section header. */
function subjectOf(argumentsJson: string): string | null {
  const args = parseJson(argumentsJson);
  if (!isRecord(args)) return null;
  for (const key of ['ticker', 'query']) {
    const value = args[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

function renderContent(content: string, messages: OfflineMessages): string {
  const value = parseJson(content);
  if (value === undefined) {
    const text = content.trim();
    if (text === '') return messages.noResults;
    return text.length <= LONGEST_TEXT_RESULT ? text : `${text.slice(0, LONGEST_TEXT_RESULT)}…`;
  }
  const lines = renderValue(value, 0, messages);
  return lines.length > 0 ? lines.join('\n') : messages.noResults;
}

function renderValue(value: unknown, depth: number, messages: OfflineMessages): string[] {
  const indent = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${messages.noResults}`];
    const lines = value.slice(0, MOST_LIST_ITEMS).map((item) => `${indent}- ${inline(item)}`);
    if (value.length > MOST_LIST_ITEMS)
      lines.push(`${indent}${messages.moreItems({ count: value.length - MOST_LIST_ITEMS })}`);
    return lines;
  }
  if (!isRecord(value)) return [`${indent}${scalar(value)}`];
  const lines: string[] = [];
  for (const [key, field] of Object.entries(value).slice(0, MOST_FIELDS)) {
    if (Array.isArray(field)) {
      lines.push(`${indent}${key}: ${messages.itemCount({ count: field.length })}`);
      if (depth < DEEPEST) lines.push(...renderValue(field, depth + 1, messages));
    } else if (isRecord(field)) {
      lines.push(`${indent}${key}:`);
      lines.push(
        ...(depth < DEEPEST ? renderValue(field, depth + 1, messages) : [`${indent}  ${inline(field)}`]),
      );
    } else {
      lines.push(`${indent}${key}: ${scalar(field)}`);
    }
  }
  return lines;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return value.slice(0, MOST_LIST_ITEMS).map(inline).join(', ');
  if (!isRecord(value)) return scalar(value);
  return Object.entries(value)
    .filter(([, field]) => !isRecord(field) && !Array.isArray(field))
    .slice(0, MOST_FIELDS)
    .map(([key, field]) => `${key}=${scalar(field)}`)
    .join(', ');
}

function scalar(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 10_000) {
    return value.toLocaleString('en-US');
  }
  if (value === null || value === undefined) return '-';
  return String(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
