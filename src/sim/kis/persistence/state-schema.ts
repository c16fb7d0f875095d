import { z } from 'zod';

/** Bump when the shape changes; a file of another version is moved aside, not migrated. */
export const SIM_STATE_VERSION = 1;

const kstDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a KST date YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true });
const epochMs = z.int().nonnegative();
const krw = z.int();
const shares = z.int().nonnegative();
/** Rejected orders keep what the request said; a field that was not a number is stored as null. */
const requestNumber = z.int().nullable();

const fillState = z.object({
  quantity: z.int().positive(),
  price: z.int().positive(),
  fee: z.int().nonnegative(),
  at: instant,
});

const orderState = z
  .object({
    odno: z.string().regex(/^(\d{10})?$/, 'a 10-digit ODNO or "" (rejected)'),
    orgNo: z.string().regex(/^\d{5}$/),
    environment: z.enum(['real', 'paper']),
    cano: z.string().regex(/^\d{8}$/),
    productCode: z.string().regex(/^\d{2}$/),
    kind: z.enum(['order', 'modify', 'cancel']),
    originalOdno: z.string(),
    ticker: z.string(),
    side: z.enum(['BUY', 'SELL']),
    ordDvsn: z.string(),
    quantity: requestNumber,
    price: requestNumber,
    provisionPrice: requestNumber,
    receivedAt: instant,
    tradeDate: kstDate,
    expiresAt: epochMs,
    checkedUntil: epochMs,
    fills: z.array(fillState),
    filledQuantity: shares,
    filledAmount: z.int().nonnegative(),
    fees: z.int().nonnegative(),
    cancelledQuantity: shares,
    replacedQuantity: shares,
    expired: z.boolean(),
    stuck: z.boolean(),
    partialRatio: z.number().min(0).max(1).optional(),
    rejection: z.object({ rtCd: z.string(), msgCd: z.string(), msg1: z.string() }).optional(),
    responseDropped: z.boolean(),
  })
  .refine((o) => o.rejection !== undefined || (o.odno !== '' && o.quantity !== null && o.price !== null), {
    message: 'an accepted order needs an ODNO, a quantity and a price',
  })
  .refine(
    (o) => o.fills.reduce((sum, f) => sum + f.quantity, 0) === o.filledQuantity,
    'filledQuantity must equal the sum of the fills',
  )
  .refine(
    (o) =>
      o.quantity === null ||
      o.rejection !== undefined ||
      o.kind === 'cancel' ||
      o.filledQuantity + o.cancelledQuantity + o.replacedQuantity <= o.quantity,
    'an order cannot fill, cancel and replace more than its quantity',
  );

const accountState = z.object({
  cano: z.string().regex(/^\d{8}$/),
  environment: z.enum(['real', 'paper']),
  /** Cash before the pending flows (what control.setCash sets). */
  baseCash: krw,
  /** Trade proceeds and costs with their settlement day (T+2); D+0/D+1/D+2 cash are sums of these. */
  flows: z.array(z.object({ amount: krw, settleDate: kstDate })),
  positions: z.array(
    z.object({
      ticker: z.string().min(1),
      quantity: shares,
      /** What the shares still held cost, fees excluded (average price × quantity). */
      purchaseAmount: z.int().nonnegative(),
      lastSellDate: kstDate.optional(),
    }),
  ),
});

export const simStateSchema = z
  .object({
    version: z.literal(SIM_STATE_VERSION),
    /** The simulator clock when written; for people reading the file. */
    savedAt: instant,
    odnoCounters: z.object({ real: z.int().nonnegative(), paper: z.int().nonnegative() }),
    accounts: z.array(accountState),
    orders: z.array(orderState),
  })
  .refine((s) => new Set(s.accounts.map((a) => a.cano)).size === s.accounts.length, {
    message: 'an account appears twice',
    path: ['accounts'],
  })
  .refine(
    (s) => {
      const numbered = s.orders.filter((o) => o.odno !== '').map((o) => `${o.environment}:${o.odno}`);
      return new Set(numbered).size === numbered.length;
    },
    { message: 'an ODNO is used twice', path: ['orders'] },
  );

export type SimState = z.infer<typeof simStateSchema>;
export type OrderState = z.infer<typeof orderState>;
