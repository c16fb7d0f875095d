export type EnvironmentBadge = 'PAPER' | 'LIVE' | 'SIM';

/** Embed colours: Korean convention, red for buys (up) and blue for sells; grey once a card is closed. */
export const COLORS = {
  buy: 0xd93025,
  sell: 0x1a73e8,
  success: 0x1e8e3e,
  waiting: 0xf9ab00,
  closed: 0x80868b,
  info: 0x5f6368,
  warning: 0xf29900,
  critical: 0xb31412,
  live: 0xd93025,
} as const;
