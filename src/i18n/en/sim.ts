import type { SimCatalog } from '../ko/sim';

/** English text printed by `npm run sim` when the locale is not Korean. */
export const simEn: SimCatalog = {
  running: 'The KIS simulator is running.',
  endpoint: (label, rest, ws) => `  ${label}  REST ${rest}   WebSocket ${ws}`,
  real: 'real ',
  paper: 'paper',
  accountsHeading: 'Accounts (fake keys for the simulator only; they do not work at KIS):',
  account: (environment, account, htsId, cash) =>
    `  - ${environment} account ${account}  HTS id ${htsId}  cash ${cash}`,
  keys: (appKey, appSecret) => `      appkey    ${appKey}\n      appsecret ${appSecret}`,
  control: (url) =>
    `Control API: ${url}/__sim  (GET lists it; e.g. POST /__sim/faults, GET /__sim/orders, POST /__sim/time)`,
  clock: (now, frozen) =>
    `Clock: ${now} ${frozen ? '(frozen: move it with POST /__sim/time)' : '(running in real time)'}`,
  stop: 'Press Ctrl+C to stop.',
  stopping: 'Stopping the simulator…',
  badArguments: (detail) => `Bad arguments: ${detail}`,
  usage: [
    'Usage: npm run sim -- [options]',
    '  --port-real <port>    port of the real host (default 9443)',
    '  --port-paper <port>   port of the paper host (default 29443)',
    '  --host <address>      default 127.0.0.1',
    '  --seed <integer>      seed of the price paths',
    '  --start <ISO time>    where the clock starts (e.g. 2026-09-01T09:00:00+09:00)',
    '  --frozen              start with the clock stopped (move it with POST /__sim/time)',
    '  --rate-real <n>       real requests per second (default 18)',
    '  --rate-paper <n>      paper requests per second (default 1)',
  ].join('\n'),
};
