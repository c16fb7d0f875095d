import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who a KIS call is for. `order`: an order POST (and its cancel). `interactive`: a person is waiting — the risk
 * guard's fresh reads at click time, a /quote. `background`: everything else (cycle fetch, watch, charts,
 * news, canary, reconciliation). The shared limiter serves higher priorities first and keeps a reserved share
 * for them; background calls yield.
 */
export type KisCallPriority = 'order' | 'interactive' | 'background';

export interface CallContext {
  priority: KisCallPriority;
  /** Called once when a call of this context has to wait for KIS longer than the notice bound. */
  onBusy?: () => void;
}

const storage = new AsyncLocalStorage<CallContext>();

/** Runs `fn` so every KIS call made inside it (however deep) carries this priority. */
export function withCallPriority<T>(
  priority: KisCallPriority,
  fn: () => Promise<T>,
  options: { onBusy?: () => void } = {},
): Promise<T> {
  const outer = storage.getStore();
  const onBusy = options.onBusy ?? outer?.onBusy;
  return storage.run(onBusy ? { priority, onBusy } : { priority }, fn);
}

/** The context of the current call; background when nobody said otherwise. */
export function currentCallContext(): CallContext {
  return storage.getStore() ?? { priority: 'background' };
}

export const PRIORITY_RANK: Readonly<Record<KisCallPriority, number>> = {
  order: 0,
  interactive: 1,
  background: 2,
};
