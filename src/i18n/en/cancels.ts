import type { CancelsCatalog } from '../ko/cancels';

const shares = (n: number) => `${n.toLocaleString('en-US')} sh`;

export const cancelsEn: CancelsCatalog = {
  title: 'Open orders',
  none: 'There are no open orders.',
  sides: { BUY: 'Buy', SELL: 'Sell' },
  statuses: {
    PENDING_SUBMIT: 'sending',
    ACCEPTED: 'accepted',
    PARTIALLY_FILLED: 'partly filled',
    UNKNOWN: 'outcome being checked',
  },
  line: (n, ticker, name, side, filled, quantity, price, status) =>
    `#${n} ${ticker} ${name} · ${side} ${shares(filled)}/${shares(quantity)} · ${price} · ${status}`.replace(
      / {2,}/g,
      ' ',
    ),
  market: 'market',
  button: (n) => `Cancel #${n}`,
  cardButton: 'Cancel order',
  hint: 'Only approvers can cancel. An order shows as cancelled once KIS confirms it.',
  terminalHint: 'Cancel with /cancel <number>.',
  result: {
    cancelled: (ticker, filled, quantity) =>
      `🚫 The ${ticker} order is cancelled (confirmed by KIS · filled ${shares(filled)}/${shares(quantity)}).`,
    rejected: (message) => `❌ KIS refused the cancel: ${message}`,
    unknown:
      "⚠️ The cancel's outcome is unknown. It is not sent again; order inquiry will settle it and the card will show it.",
    pending: 'An earlier cancel is still being checked against order inquiry. Look again shortly.',
    notOpen: 'This order is already filled, cancelled or expired: nothing to cancel.',
    blackout: 'Cancels cannot be sent during a KIS maintenance window. Try again once it ends.',
    notFound: 'This order could not be found.',
    notAllowed: 'Not allowed. Only registered approvers can cancel orders.',
  },
  all: {
    button: (count) => `Cancel every resting order (${count})`,
    confirm: (count) => `Cancel all ${count} resting orders? Filled quantities cannot be undone.`,
    confirmButton: 'Yes, cancel all',
    none: 'There are no resting orders to cancel.',
    done: (cancelled, total, other) =>
      `${cancelled} of ${total} resting orders cancelled (confirmed)${other > 0 ? `; ${other} are being checked or were not cancelled (see /orders)` : ''}.`,
  },
  noOrder: (n) => `There is no order #${n}. See /orders for the numbers.`,
  usage: 'Usage: /orders · /cancel <number>',
};
