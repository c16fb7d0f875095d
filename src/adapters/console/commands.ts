import { splitBlackoutArguments, type AdhocBlackoutInput } from '../../domain/blackout';

/** One line typed at the terminal, as a command. */
export type TerminalCommand =
  | { kind: 'ask'; text: string }
  | { kind: 'trade'; question: string }
  | { kind: 'decide'; decision: 'approve' | 'reject'; card: number | null }
  /** `/approve all`: every card still awaiting approval, sells first. */
  | { kind: 'approve-all' }
  | { kind: 'portfolio' }
  | { kind: 'status' }
  | { kind: 'trading'; command: 'stop' | 'stopentry' | 'resume' }
  | { kind: 'cycle'; action: 'run' | 'last' }
  | { kind: 'memory'; query: string | null }
  | { kind: 'forget'; id: string }
  | { kind: 'blackout-list' }
  | { kind: 'blackout-add'; input: AdhocBlackoutInput }
  | { kind: 'blackout-remove'; id: string }
  /** `/scorecard [me | person id] [period]`. */
  | { kind: 'scorecard'; person: string | null; period: string | null }
  /** `/backtest [months] [capital]`; a word that is not a whole number is passed on as NaN and refused. */
  | { kind: 'backtest'; months: number | null; capital: number | null }
  /** `/pnl [day|week|month|year]`. */
  | { kind: 'pnl'; period: string | null }
  /** `/watch add <ticker> [conditions] [key=value …]`, `/watch remove <ticker>`, `/watch list`. */
  | { kind: 'watch-add'; ticker: string; conditions: string | null; thresholds: string | null }
  | { kind: 'watch-remove'; ticker: string }
  | { kind: 'watch-list' }
  /** `/orders`: the open orders, numbered; `/cancel <n>` cancels number n of that list. */
  | { kind: 'orders' }
  | { kind: 'cancel'; order: number }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | {
      kind: 'usage';
      of:
        | 'trade'
        | 'approve'
        | 'reject'
        | 'cycle'
        | 'forget'
        | 'blackout'
        | 'scorecard'
        | 'pnl'
        | 'watch'
        | 'backtest'
        | 'cancel';
    }
  | { kind: 'unknown'; name: string };

// A Korean keyboard layout types ㅛ for y and ㅜ for n.
const YES = new Set(['y', 'yes', 'ㅛ']);
const NO = new Set(['n', 'no', 'ㅜ']);

/** A bare y / n decides the card just shown (the terminal says so when there is none). */
export function parseCommand(raw: string): TerminalCommand {
  const line = raw.trim();
  if (line === '') return { kind: 'empty' };
  const lower = line.toLowerCase();
  if (YES.has(lower)) return { kind: 'decide', decision: 'approve', card: null };
  if (NO.has(lower)) return { kind: 'decide', decision: 'reject', card: null };
  if (!line.startsWith('/')) return { kind: 'ask', text: line };

  const [head = '', ...rest] = line.split(/\s+/);
  const name = head.toLowerCase();
  const argument = line.slice(head.length).trim();
  switch (name) {
    case '/trade':
      return argument === '' ? { kind: 'usage', of: 'trade' } : { kind: 'trade', question: argument };
    case '/approve':
    case '/reject': {
      const decision = name === '/approve' ? 'approve' : 'reject';
      if (argument === '') return { kind: 'decide', decision, card: null };
      if (decision === 'approve' && /^(all|전체)$/i.test(argument)) return { kind: 'approve-all' };
      const card = /^#?(\d{1,6})$/.exec(argument);
      return card ? { kind: 'decide', decision, card: Number(card[1]) } : { kind: 'usage', of: decision };
    }
    case '/portfolio':
      return { kind: 'portfolio' };
    case '/status':
      return { kind: 'status' };
    case '/stop':
    case '/stopentry':
    case '/resume':
      return { kind: 'trading', command: name.slice(1) as 'stop' | 'stopentry' | 'resume' };
    case '/cycle': {
      const action = rest[0]?.toLowerCase();
      return action === 'run' || action === 'last'
        ? { kind: 'cycle', action }
        : { kind: 'usage', of: 'cycle' };
    }
    case '/memory': {
      if (rest[0]?.toLowerCase() === 'forget') {
        const id = rest.slice(1).join(' ').trim();
        return id === '' ? { kind: 'usage', of: 'forget' } : { kind: 'forget', id };
      }
      return { kind: 'memory', query: argument === '' ? null : argument };
    }
    case '/blackout':
      return blackoutCommand(rest);
    case '/scorecard':
      return scorecardCommand(rest);
    case '/watch':
      return watchCommand(rest);
    case '/pnl':
      return rest.length > 1
        ? { kind: 'usage', of: 'pnl' }
        : { kind: 'pnl', period: rest[0]?.slice(0, 40) ?? null };
    case '/backtest': {
      if (rest.length > 2) return { kind: 'usage', of: 'backtest' };
      const int = (word: string | undefined) =>
        word === undefined
          ? null
          : /^\d{1,12}$/.test(word.replaceAll(',', ''))
            ? Number(word.replaceAll(',', ''))
            : Number.NaN;
      return { kind: 'backtest', months: int(rest[0]), capital: int(rest[1]) };
    }
    case '/orders':
      return { kind: 'orders' };
    case '/cancel': {
      const n = /^#?(\d{1,4})$/.exec(argument);
      return n ? { kind: 'cancel', order: Number(n[1]) } : { kind: 'usage', of: 'cancel' };
    }
    case '/help':
      return { kind: 'help' };
    case '/quit':
    case '/exit':
      return { kind: 'quit' };
    default:
      return { kind: 'unknown', name: head.slice(0, 40) };
  }
}

function blackoutCommand(words: string[]): TerminalCommand {
  const [action = 'list', ...args] = words;
  switch (action.toLowerCase()) {
    case 'list':
      return { kind: 'blackout-list' };
    case 'add': {
      const input = splitBlackoutArguments(args.join(' '));
      return input ? { kind: 'blackout-add', input } : { kind: 'usage', of: 'blackout' };
    }
    case 'remove':
      return args.length === 1
        ? { kind: 'blackout-remove', id: args[0]! }
        : { kind: 'usage', of: 'blackout' };
    default:
      return { kind: 'usage', of: 'blackout' };
  }
}

/** Words with `=` (or `:` followed by a number) are thresholds, the others after the ticker conditions. */
function watchCommand(words: string[]): TerminalCommand {
  const [action = 'list', ...args] = words;
  switch (action.toLowerCase()) {
    case 'list':
      return args.length === 0 ? { kind: 'watch-list' } : { kind: 'usage', of: 'watch' };
    case 'add': {
      const [ticker, ...more] = args;
      if (!ticker) return { kind: 'usage', of: 'watch' };
      const isThreshold = (w: string) => /^[A-Za-z]+[=:]/.test(w);
      const conditions = more.filter((w) => !isThreshold(w)).join(',');
      const thresholds = more.filter(isThreshold).join(' ');
      return {
        kind: 'watch-add',
        ticker: ticker.slice(0, 50),
        conditions: conditions === '' ? null : conditions.slice(0, 300),
        thresholds: thresholds === '' ? null : thresholds.slice(0, 300),
      };
    }
    case 'remove':
      return args.length === 1
        ? { kind: 'watch-remove', ticker: args[0]!.slice(0, 50) }
        : { kind: 'usage', of: 'watch' };
    default:
      return { kind: 'usage', of: 'watch' };
  }
}

/** A person is `me` or `@id`; any other word is a period (the desk says so if it is not one). */
function scorecardCommand(words: string[]): TerminalCommand {
  const isPerson = (w: string) => w.toLowerCase() === 'me' || (w.startsWith('@') && w.length > 1);
  const people = words.filter(isPerson);
  const periods = words.filter((w) => !isPerson(w));
  if (people.length > 1 || periods.length > 1) return { kind: 'usage', of: 'scorecard' };
  const person = people[0] ?? null;
  return {
    kind: 'scorecard',
    person: person === null ? null : person.replace(/^@/, '').slice(0, 40),
    period: periods[0]?.slice(0, 40) ?? null,
  };
}
