import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { data as backtest } from './backtest';
import { data as blackout } from './blackout';
import { data as cycle } from './cycle';
import { data as help } from './help';
import { data as memory } from './memory';
import { data as orders } from './orders';
import { data as pnl } from './pnl';
import { data as portfolio } from './portfolio';
import { data as resume } from './resume';
import { data as scorecard } from './scorecard';
import { data as status } from './status';
import { data as stop } from './stop';
import { data as stopentry } from './stopentry';
import { data as trade } from './trade';
import { data as watch } from './watch';

/** What registration and the router need from a command builder. */
export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
}

export const allCommands: readonly CommandData[] = [
  trade,
  portfolio,
  status,
  stop,
  stopentry,
  resume,
  memory,
  cycle,
  help,
  blackout,
  scorecard,
  pnl,
  watch,
  backtest,
  orders,
];
