import type { Clock } from '../../../domain/clock';
import type { Exchange } from '../exchange/exchange';
import type { AccountLedger } from '../exchange/ledger';
import type { SimOrder } from '../exchange/orders';
import { SIM_STATE_VERSION, type OrderState, type SimState } from './state-schema';

/** What survives a restart: every account's cash and positions, every order, the ODNO counters. */
export function captureSimState(
  clock: Clock,
  exchange: Exchange,
  ledgers: readonly AccountLedger[],
): SimState {
  return {
    version: SIM_STATE_VERSION,
    savedAt: clock.now().toISOString(),
    odnoCounters: { ...exchange.odnoCounters() },
    accounts: ledgers.map((ledger) => {
      const { baseCash, flows, positions } = ledger.snapshot();
      return {
        cano: ledger.account.cano,
        environment: ledger.account.environment,
        baseCash,
        flows,
        positions: positions.map(({ lastSellDate, ...p }) =>
          lastSellDate === undefined ? p : { ...p, lastSellDate },
        ),
      };
    }),
    orders: exchange.allOrders().map(orderToState),
  };
}

/** Why a valid file cannot be used with these accounts, or undefined when it can. */
export function incompatibility(state: SimState, ledgers: readonly AccountLedger[]): string | undefined {
  const environments = new Map(ledgers.map((l) => [l.account.cano, l.account.environment]));
  for (const { cano, environment } of [...state.accounts, ...state.orders]) {
    const configured = environments.get(cano);
    if (configured === undefined) return `it holds account ${cano}, which is not configured`;
    if (configured !== environment)
      return `account ${cano} is ${environment} in the file but ${configured} in the configuration`;
  }
  return undefined;
}

/** Loads a compatible state into a freshly built exchange and its ledgers (accounts missing from it stay as configured). */
export function restoreSimState(
  state: SimState,
  exchange: Exchange,
  ledgers: readonly AccountLedger[],
): void {
  for (const saved of state.accounts) {
    const ledger = ledgers.find((l) => l.account.cano === saved.cano);
    ledger?.restore({
      baseCash: saved.baseCash,
      flows: saved.flows,
      positions: saved.positions.map((p) => ({ ...p, lastSellDate: p.lastSellDate })),
    });
  }
  exchange.restore(state.orders.map(orderFromState), state.odnoCounters);
}

function orderToState(order: SimOrder): OrderState {
  const { receivedAt, fills, partialRatio, rejection, quantity, price, provisionPrice, ...rest } = order;
  const state: OrderState = {
    ...rest,
    quantity: numberOrNull(quantity),
    price: numberOrNull(price),
    provisionPrice: numberOrNull(provisionPrice),
    receivedAt: receivedAt.toISOString(),
    fills: fills.map((f) => ({ ...f, at: f.at.toISOString() })),
  };
  if (partialRatio !== undefined) state.partialRatio = partialRatio;
  if (rejection !== undefined) state.rejection = { ...rejection };
  return state;
}

function orderFromState(state: OrderState): SimOrder {
  return {
    ...state,
    quantity: state.quantity ?? Number.NaN,
    price: state.price ?? Number.NaN,
    provisionPrice: state.provisionPrice ?? Number.NaN,
    receivedAt: new Date(state.receivedAt),
    fills: state.fills.map((f) => ({ ...f, at: new Date(f.at) })),
    partialRatio: state.partialRatio,
    rejection: state.rejection,
  };
}

/** A rejected request may carry a quantity or price that was not a number (NaN); JSON has no NaN. */
function numberOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
