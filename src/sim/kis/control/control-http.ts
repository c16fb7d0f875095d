import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { simFaultSchema } from '../gateway/faults';
import type { ControlHandler } from '../gateway/http-gateway';
import type { SimAccount, SimControl } from '../types';
import type { SteppableClock } from './steppable-clock';

const cashBody = z.object({ cano: z.string(), amount: z.number().int() });
const positionBody = z.object({
  cano: z.string(),
  ticker: z.string(),
  quantity: z.number().int().nonnegative(),
  avgPrice: z.number().nonnegative(),
});
const priceBody = z.object({ ticker: z.string(), price: z.number().positive() });
const realtimeBody = z.object({ down: z.boolean() }).strict();
const pathStep = z.union([
  z.object({ afterMs: z.number().int().nonnegative(), price: z.number().positive() }).strict(),
  z.object({ afterMs: z.number().int().nonnegative(), changePct: z.number().gt(-100).max(1_000) }).strict(),
]);
/** Either explicit steps, or a move of changePct spread evenly over overMs in `steps` steps. */
const pathBody = z.union([
  z.object({ ticker: z.string(), path: z.array(pathStep).min(1).max(1_000) }).strict(),
  z
    .object({
      ticker: z.string(),
      changePct: z.number().gt(-100).max(1_000),
      overMs: z.number().int().nonnegative().default(0),
      steps: z.number().int().min(1).max(1_000).default(1),
    })
    .strict(),
]);
const volumeBody = z.union([
  z.object({ ticker: z.string(), shares: z.number().int().positive() }).strict(),
  z.object({ ticker: z.string(), multiple: z.number().positive().max(1_000) }).strict(),
]);
const navPremiumBody = z.object({ ticker: z.string(), premiumBp: z.number().int().nullable() });
const timeBody = z.union([
  z.object({ to: z.iso.datetime({ offset: true }) }),
  z.object({ advanceMs: z.number().int() }),
]);

const ENDPOINTS = [
  'GET  /__sim/stats',
  'GET  /__sim/orders',
  'GET  /__sim/accounts',
  'POST /__sim/faults        SimFault or SimFault[]',
  'DELETE /__sim/faults',
  'POST /__sim/cash          {cano, amount}',
  'POST /__sim/position      {cano, ticker, quantity, avgPrice}',
  'GET  /__sim/price?ticker=069500',
  'POST /__sim/price         {ticker, price}',
  'POST /__sim/path          {ticker, changePct, overMs?, steps?} | {ticker, path: [{afterMs, price|changePct}]}',
  'POST /__sim/volume        {ticker, shares} | {ticker, multiple}  (× 20-day average volume)',
  'POST /__sim/nav-premium  {ticker, premiumBp: integer | null}',
  'POST /__sim/realtime      {down: true | false}  (a WebSocket outage: sessions cut, new ones refused)',
  'POST /__sim/expire-tokens',
  'GET  /__sim/time',
  'POST /__sim/time          {to: ISO-8601} | {advanceMs}',
];

/** The control API over HTTP under /__sim/ (JSON in, JSON out), for `npm run sim`. */
export function controlHttpHandler(
  control: SimControl,
  accounts: readonly SimAccount[],
  clock: SteppableClock,
): ControlHandler {
  return ({ method, url, body, res }) => {
    const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
    try {
      switch (route) {
        case 'GET /__sim':
          return send(res, 200, { endpoints: ENDPOINTS });
        case 'GET /__sim/stats':
          return send(res, 200, control.stats());
        case 'GET /__sim/orders':
          return send(res, 200, control.receivedOrders());
        case 'GET /__sim/accounts':
          return send(res, 200, accounts);
        case 'POST /__sim/faults': {
          const faults = z.union([simFaultSchema, z.array(simFaultSchema)]).parse(json(body));
          for (const fault of Array.isArray(faults) ? faults : [faults]) control.injectFault(fault);
          return send(res, 200, { ok: true });
        }
        case 'DELETE /__sim/faults':
          control.clearFaults();
          return send(res, 200, { ok: true });
        case 'POST /__sim/cash': {
          const { cano, amount } = cashBody.parse(json(body));
          control.setCash(cano, amount);
          return send(res, 200, { ok: true });
        }
        case 'POST /__sim/position': {
          const p = positionBody.parse(json(body));
          control.setPosition(p.cano, p.ticker, p.quantity, p.avgPrice);
          return send(res, 200, { ok: true });
        }
        case 'GET /__sim/price': {
          const ticker = url.searchParams.get('ticker') ?? '';
          return send(res, 200, { ticker, price: control.currentPrice(ticker) });
        }
        case 'POST /__sim/nav-premium': {
          const { ticker, premiumBp } = navPremiumBody.parse(json(body));
          control.setNavPremium(ticker, premiumBp);
          return send(res, 200, { ticker, premiumBp });
        }
        case 'POST /__sim/price': {
          const { ticker, price } = priceBody.parse(json(body));
          control.setPrice(ticker, price);
          return send(res, 200, { ticker, price: control.currentPrice(ticker) });
        }
        case 'POST /__sim/path': {
          const parsed = pathBody.parse(json(body));
          const steps =
            'path' in parsed
              ? parsed.path
              : Array.from({ length: parsed.steps }, (_, i) => ({
                  afterMs: Math.round((parsed.overMs * (i + 1)) / parsed.steps),
                  changePct: (parsed.changePct * (i + 1)) / parsed.steps,
                }));
          const prices = control.scriptPath(parsed.ticker, steps);
          return send(res, 200, { ticker: parsed.ticker, prices });
        }
        case 'POST /__sim/volume': {
          const parsed = volumeBody.parse(json(body));
          const added = control.spikeVolume(
            parsed.ticker,
            'shares' in parsed ? { shares: parsed.shares } : { multiple: parsed.multiple },
          );
          return send(res, 200, { ticker: parsed.ticker, added });
        }
        case 'POST /__sim/realtime': {
          const { down } = realtimeBody.parse(json(body));
          control.realtimeOutage(down);
          return send(res, 200, { down });
        }
        case 'POST /__sim/expire-tokens':
          control.expireTokens();
          return send(res, 200, { ok: true });
        case 'GET /__sim/time':
          return send(res, 200, { now: clock.now().toISOString(), frozen: clock.frozen });
        case 'POST /__sim/time': {
          const parsed = timeBody.parse(json(body));
          if ('to' in parsed) clock.set(new Date(parsed.to));
          else clock.advance(parsed.advanceMs);
          return send(res, 200, { now: clock.now().toISOString(), frozen: clock.frozen });
        }
        default:
          return send(res, 404, { error: `unknown control endpoint ${route}`, endpoints: ENDPOINTS });
      }
    } catch (error) {
      const message = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
      return send(res, 400, { error: message });
    }
  };
}

function json(body: string): unknown {
  return body.trim() === '' ? {} : JSON.parse(body);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body, null, 2));
}
