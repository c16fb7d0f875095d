/**
 * The alerts the cycle raises. Korean message first, English in `data.en` (the channels' convention); each is
 * deduplicated per trade date so a resumed run never repeats one.
 */
import type { AlertService } from '../alerts';
import { inBothLocales, won } from './messages';
import type { MarketDataProblem, StepName } from './outputs';

type Alerts = Pick<AlertService, 'raise'>;

export async function alertStepFailed(
  alerts: Alerts,
  p: { tradeDate: string; step: StepName; attempts: number; error: string; cutoff: string },
): Promise<void> {
  const text = inBothLocales((m) =>
    m.alerts.stepFailed({
      date: p.tradeDate,
      step: m.steps[p.step],
      attempts: p.attempts,
      error: p.error,
      cutoff: p.cutoff,
    }),
  );
  await alerts.raise({
    kind: 'CYCLE_STEP_FAILED',
    severity: 'critical',
    message: text.ko,
    data: { tradeDate: p.tradeDate, step: p.step, attempts: p.attempts, en: text.en },
    dedupeKey: `cycle:${p.tradeDate}:${p.step}:failed`,
  });
}

export async function alertDataOutage(
  alerts: Alerts,
  p: { tradeDate: string; problems: { ticker: string; problem: MarketDataProblem }[] },
): Promise<void> {
  const text = inBothLocales((m) =>
    m.alerts.dataOutage({
      date: p.tradeDate,
      items: p.problems.map((x) => `${x.ticker} ${m.dataProblems[x.problem]}`).join(', '),
    }),
  );
  await alerts.raise({
    kind: 'DATA_OUTAGE',
    severity: 'warning',
    message: text.ko,
    data: { tradeDate: p.tradeDate, problems: p.problems, en: text.en },
    dedupeKey: `cycle:${p.tradeDate}:data-outage`,
  });
}

export async function alertNavBelowFloor(
  alerts: Alerts,
  p: { tradeDate: string; nav: number; floor: number },
): Promise<void> {
  const text = inBothLocales((m, locale) =>
    m.alerts.navFloor({ date: p.tradeDate, nav: won(p.nav, locale), floor: won(p.floor, locale) }),
  );
  await alerts.raise({
    kind: 'NAV_FLOOR',
    severity: 'critical',
    message: text.ko,
    data: { tradeDate: p.tradeDate, nav: p.nav, floor: p.floor, en: text.en },
    dedupeKey: `cycle:${p.tradeDate}:nav-floor`,
  });
}
