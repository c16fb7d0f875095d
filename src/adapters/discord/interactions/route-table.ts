import { backtestCommand } from './commands/backtest';
import { blackoutCommand } from './commands/blackout';
import { cycleCommand } from './commands/cycle';
import { helpCommand } from './commands/help';
import { ordersCommand } from './commands/orders';
import { memoryCommand } from './commands/memory';
import { portfolioCommand } from './commands/portfolio';
import { scorecardCommand } from './commands/scorecard';
import { pnlCommand } from './commands/pnl';
import { statusCommand } from './commands/status';
import { tradeCommand } from './commands/trade';
import { resumeCommand, stopCommand, stopEntryCommand } from './commands/trading-state';
import { watchCommand } from './commands/watch';
import {
  approveButton,
  approvePlanButton,
  confirmApproveSubmit,
  confirmPlanSubmit,
  rejectButton,
} from './components/approval';
import { cancelAllButton, cancelButton } from './components/cancel';
import { tradeModalSubmit } from './modals/trade-modal';
import type { RouteTable } from './router';

/** Every handler; the command names match `commands/` (the base names Discord sends whatever the locale). */
export const routeTable: RouteTable = {
  commands: [
    tradeCommand,
    portfolioCommand,
    statusCommand,
    stopCommand,
    stopEntryCommand,
    resumeCommand,
    memoryCommand,
    cycleCommand,
    helpCommand,
    blackoutCommand,
    scorecardCommand,
    pnlCommand,
    watchCommand,
    backtestCommand,
    ordersCommand,
  ],
  buttons: {
    approve: approveButton,
    reject: rejectButton,
    'approve-plan': approvePlanButton,
    cancel: cancelButton,
    'cancel-all': cancelAllButton,
  },
  modals: {
    'trade-modal': (interaction, _id, ctx) => tradeModalSubmit(interaction, ctx),
    'confirm-approve': confirmApproveSubmit,
    'confirm-plan': confirmPlanSubmit,
  },
};
