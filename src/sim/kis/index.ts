/**
 * A KIS-compatible exchange simulator: the KIS REST and WebSocket protocol over loopback, replaying KRX ETF
 * prices. See README.md in this folder.
 */
import { createKisSimulator } from './simulator';
import type { KisSimulator, KisSimulatorOptions } from './types';

export type {
  KisSimulator,
  KisSimulatorOptions,
  SimAccount,
  SimControl,
  SimEnvironment,
  SimFault,
  SimOrderStatus,
  SimReceivedOrder,
} from './types';
export { DEFAULT_SIM_ACCOUNTS } from './accounts';

/** Starts both listeners (real and paper "hosts") on `host`, each on a free port. */
export function startKisSimulator(options: KisSimulatorOptions = {}): Promise<KisSimulator> {
  return createKisSimulator(options);
}
export { simulatorClientConfig } from './client-config';
