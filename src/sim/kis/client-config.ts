import { DEFAULT_SIM_ACCOUNTS } from './accounts';
import type { KisSimulator } from './types';

/**
 * The KIS client settings for one of the simulator's default accounts: keys, account, HTS id and the
 * simulator's URLs for that environment. Plain data, so the simulator does not depend on the client.
 */
export function simulatorClientConfig(sim: Pick<KisSimulator, 'urls'>, environment: 'real' | 'paper') {
  const account = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === environment)!;
  return {
    environment,
    appKey: account.appKey,
    appSecret: account.appSecret,
    account: `${account.cano}-${account.productCode}`,
    htsId: account.htsId,
    urls: sim.urls[environment],
    // Unlike KIS, the simulator answers the ETF NAV TR on its paper host as well.
    etfNavOnPaper: true,
  };
}
