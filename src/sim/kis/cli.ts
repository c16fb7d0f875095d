/**
 * `npm run sim`: the KIS simulator on fixed ports, with the /__sim/ control API and a clock that can start at
 * any moment and be frozen and stepped.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatKrw } from '../../domain/money';
import { simEn } from '../../i18n/en/sim';
import { simKo, type SimCatalog } from '../../i18n/ko/sim';
import { controlHttpHandler } from './control/control-http';
import { SteppableClock } from './control/steppable-clock';
import { createKisSimulator } from './simulator';
import type { SimAccount } from './types';

const port = z.coerce.number().int().min(0).max(65_535);
const argsSchema = z.object({
  'port-real': port.default(9443),
  'port-paper': port.default(29443),
  host: z.string().min(1).default('127.0.0.1'),
  seed: z.coerce.number().int().optional(),
  start: z.iso.datetime({ offset: true }).optional(),
  frozen: z.boolean().default(false),
  'rate-real': z.coerce.number().int().positive().default(18),
  'rate-paper': z.coerce.number().int().positive().default(1),
  help: z.boolean().default(false),
});

/** Korean first, like the desk: English only when DESK_LOCALE=en. */
function catalog(): SimCatalog {
  return process.env.DESK_LOCALE === 'en' ? simEn : simKo;
}

async function main(): Promise<void> {
  const text = catalog();
  let args: z.infer<typeof argsSchema>;
  try {
    const { values } = parseArgs({
      options: {
        'port-real': { type: 'string' },
        'port-paper': { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        start: { type: 'string' },
        frozen: { type: 'boolean' },
        'rate-real': { type: 'string' },
        'rate-paper': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    args = argsSchema.parse(values);
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
    console.error(text.badArguments(detail));
    console.error(text.usage);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    console.log(text.usage);
    return;
  }

  const clock = new SteppableClock(args.start ? new Date(args.start) : new Date(), args.frozen);
  let accounts: readonly SimAccount[] = [];
  const sim = await createKisSimulator(
    {
      clock,
      host: args.host,
      seed: args.seed,
      rateLimitPerSecond: { real: args['rate-real'], paper: args['rate-paper'] },
    },
    {
      ports: { real: args['port-real'], paper: args['port-paper'] },
      control: (control, simAccounts) => {
        accounts = simAccounts;
        return controlHttpHandler(control, simAccounts, clock);
      },
    },
  );
  console.log(text.running);
  console.log(text.endpoint(text.real, sim.urls.real.rest, sim.urls.real.ws));
  console.log(text.endpoint(text.paper, sim.urls.paper.rest, sim.urls.paper.ws));
  console.log(text.accountsHeading);
  for (const a of accounts) {
    console.log(
      text.account(
        a.environment,
        `${a.cano}-${a.productCode}`,
        a.htsId,
        formatKrw(a.initialCash, text === simKo ? 'ko' : 'en'),
      ),
    );
    console.log(text.keys(a.appKey, a.appSecret));
  }
  console.log(text.control(sim.urls.real.rest));
  console.log(text.clock(clock.now().toISOString(), clock.frozen));
  console.log(text.stop);

  const shutdown = (): void => {
    console.log(text.stopping);
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
