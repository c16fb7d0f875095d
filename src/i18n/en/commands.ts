import type { CommandsCatalog } from '../ko/commands';

export const commandsEn: CommandsCatalog = {
  trade: {
    name: 'trade',
    description: 'Open a trading thread: ask a question, the desk answers and proposes orders.',
    options: {
      ticker: { name: 'ticker', description: 'Ticker code or name (optional)' },
    },
  },
  portfolio: { name: 'portfolio', description: 'Show holdings, cash, market value and profit/loss.' },
  status: {
    name: 'status',
    description: 'Show the trading state (active, reducing, halted), market session and connections.',
  },
  stop: { name: 'stop', description: 'Halt all trading now (HALTED). Only order cancels are allowed.' },
  stopentry: {
    name: 'stopentry',
    description: 'Stop new buys; only selling holdings is allowed (REDUCING).',
  },
  resume: { name: 'resume', description: 'Return halted or reducing trading to normal (ACTIVE).' },
  memory: {
    name: 'memory',
    description: 'Show or forget what the desk remembers.',
    subcommands: {
      show: {
        name: 'show',
        description: 'Search memories, or list the most recent ones.',
        options: {
          query: { name: 'query', description: 'What to look for (leave empty for recent memories)' },
        },
      },
      forget: {
        name: 'forget',
        description: 'Forget one memory.',
        options: { id: { name: 'id', description: 'ID of the memory to forget (see /memory show)' } },
      },
    },
  },
  cycle: {
    name: 'cycle',
    description: 'Run the daily 08:00 cycle now, or see its latest result.',
    subcommands: {
      run: { name: 'run', description: 'Run the daily cycle now.' },
      last: { name: 'last', description: 'Show the result of the latest daily cycle.' },
    },
  },
  help: { name: 'help', description: 'Commands and how to use the desk.' },
  orders: {
    name: 'orders',
    description: 'Open orders, each with a cancel button (cancels: approvers only).',
  },
  blackout: {
    name: 'blackout',
    description: 'See, add or remove KIS maintenance windows (no orders are sent in them).',
    subcommands: {
      add: {
        name: 'add',
        description: 'Add a maintenance window (approvers only).',
        options: {
          from: { name: 'from', description: 'Start, KST (YYYY-MM-DD HH:MM or HH:MM)' },
          to: { name: 'to', description: 'End, KST (YYYY-MM-DD HH:MM or HH:MM)' },
          reason: { name: 'reason', description: 'Reason (e.g. a KIS maintenance notice)' },
        },
      },
      list: { name: 'list', description: 'Show the daily and the added maintenance windows.' },
      remove: {
        name: 'remove',
        description: 'Remove an added maintenance window (approvers only).',
        options: { id: { name: 'id', description: 'Number of the window (see /blackout list)' } },
      },
    },
  },
  scorecard: {
    name: 'scorecard',
    description: 'Whether approvals and rejections helped against the plan (or doing nothing), in KRW.',
    options: {
      person: { name: 'person', description: 'One person only (empty: everyone)' },
      period: { name: 'period', description: 'week · month · year · all · YYYY-MM · YYYY (default: month)' },
    },
  },
  pnl: {
    name: 'pnl',
    description: 'P&L of a period (realised, unrealised), fees and taxes, against KODEX 200.',
    options: { period: { name: 'period', description: 'day · week · month · year (default: day)' } },
  },
  backtest: {
    name: 'backtest',
    description: "Tests this desk's strategy on recent real ETF prices (the live cycle's engine and limits).",
    options: {
      months: { name: 'months', description: 'How many recent months (1–120, default 24)' },
      capital: { name: 'capital', description: 'Starting capital in KRW (default 1,000,000)' },
    },
  },
  watch: {
    name: 'watch',
    description: 'Shows, adds or removes intraday watches (realtime buy and sell conditions).',
    subcommands: {
      add: {
        name: 'add',
        description: 'Adds an ETF to the watchlist (no conditions: the three buy conditions).',
        options: {
          ticker: { name: 'ticker', description: 'Ticker code or name' },
          conditions: {
            name: 'conditions',
            description: 'e.g. buy_breakout,sell_stop_loss (empty: every buy condition)',
          },
          thresholds: { name: 'thresholds', description: 'e.g. stopLossPct=5 trailingStopPct=12 (percent)' },
        },
      },
      remove: {
        name: 'remove',
        description: 'Removes an ETF from the watchlist.',
        options: { ticker: { name: 'ticker', description: 'Ticker code or name' } },
      },
      list: {
        name: 'list',
        description: 'Watched ETFs with the live price and the distance to each trigger.',
      },
    },
  },
  register: {
    invalidEnvironment: 'Cannot register slash commands. Check these environment variables:',
    notSet: 'not set',
    notSnowflake: 'not a numeric Discord ID (17–20 digits)',
    invalidArguments: 'Usage: npm run commands:register -- [--api <http(s) URL>]',
    registeredToGuild: (count: number, guildId: string) =>
      `Registered ${count} commands to guild ${guildId} (effective immediately).`,
    registeredGlobally: (count: number) => `Registered ${count} commands globally.`,
    failed: (detail: string) => `Command registration failed: ${detail}`,
  },
};
