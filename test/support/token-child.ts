/** A separate process that reads one quote through its own KIS client sharing the token cache in Postgres. */
import { SystemClock } from '../../src/adapters/clock/system';
import { openDatabase } from '../../src/adapters/db/client';
import { createDbTokenStore } from '../../src/adapters/db/token-store';
import { createKisBroker } from '../../src/adapters/kis/broker';
import { DEFAULT_SIM_ACCOUNTS } from '../../src/sim/kis';

const account = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'real')!;
const database = await openDatabase({ url: process.env.CHILD_DATABASE_URL! });
const broker = createKisBroker({
  config: {
    environment: 'real',
    appKey: account.appKey,
    appSecret: account.appSecret,
    account: `${account.cano}-${account.productCode}`,
    htsId: account.htsId,
    urls: { rest: process.env.CHILD_REST_URL!, ws: process.env.CHILD_WS_URL! },
  },
  clock: new SystemClock(),
  tokenStore: createDbTokenStore(database),
});
try {
  const quote = await broker.getQuote('069500');
  console.log(`quote ${quote.price}`);
} finally {
  await broker.close();
  await database.close();
}
