import { formatKrw } from '../money';
import type { RiskCatalog } from './catalog';
import type { RiskCode } from './codes';
import type { RiskCheck, GuardVerdict, RiskDetail } from './verdict';

const PLACEHOLDER = /\{(\w+)(?::(\w+))?\}/g;

/** Fills `{key}` / `{key:format}` from a detail. A placeholder without a value stays visible rather than vanishing. */
export function renderRiskText(template: string, detail: RiskDetail, catalog: RiskCatalog): string {
  return template.replace(PLACEHOLDER, (whole, key: string, format: string | undefined) => {
    const value = detail[key];
    if (value === undefined) return whole;
    return formatValue(value, format, catalog) ?? whole;
  });
}

function formatValue(
  value: string | number,
  format: string | undefined,
  catalog: RiskCatalog,
): string | undefined {
  switch (format) {
    case undefined:
      return typeof value === 'number' ? value.toLocaleString('en-US') : value;
    case 'krw':
      return typeof value === 'number' ? formatKrw(value, catalog.locale) : undefined;
    case 'pct':
      return typeof value === 'number' ? formatBasisPoints(value) : undefined;
    case 'side':
      return lookup(catalog.sides, value);
    case 'state':
      return lookup(catalog.tradingStates, value);
    case 'reason':
      return lookup(catalog.sessionRefusals, value);
    case 'problem':
      return lookup(catalog.dataProblems, value);
    default:
      return undefined;
  }
}

function lookup(table: Readonly<Record<string, string>>, value: string | number): string | undefined {
  return Object.hasOwn(table, value) ? table[value] : undefined;
}

/** 300 → "3%", 125 → "1.25%", -50 → "-0.5%". */
export function formatBasisPoints(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(bp));
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}%`;
}

export function describeCheck(check: RiskCheck, catalog: RiskCatalog): string {
  if (!check.ok) return renderRiskText(catalog.codes[check.code], check.detail, catalog);
  if (check.warning !== undefined) return renderRiskText(catalog.codes[check.warning], check.detail, catalog);
  const template = catalog.passes[check.rule];
  const measured = template === undefined ? '' : renderRiskText(template, check.detail, catalog);
  // A pass without the measured values (e.g. a rule that did not apply) shows the rule's name only.
  return measured === '' || /[{}]/.test(measured)
    ? catalog.rules[check.rule]
    : `${catalog.rules[check.rule]} ${measured}`;
}

/** Codes that make an order wait rather than fail (the guard defers when only these fail). */
export const WAITING_CODES: readonly RiskCode[] = ['MARKET_CLOSED', 'ORDER_BLACKOUT'];

/** ✅ pass, ⚠️ pass with a warning, ⏸ a deferred order's waiting reason, ❌ failure. */
export function checkMark(check: RiskCheck, deferred: boolean): string {
  if (check.ok) return check.warning === undefined ? '✅' : '⚠️';
  return deferred && WAITING_CODES.includes(check.code) ? '⏸' : '❌';
}

/** One line for a person: the outcome, why, and the breaker to trip if any. */
export function describeVerdict(verdict: GuardVerdict, catalog: RiskCatalog): string {
  const parts = [catalog.outcomes[verdict.outcome]];
  if (verdict.outcome !== 'ALLOW')
    parts.push(renderRiskText(catalog.codes[verdict.code], verdict.detail, catalog));
  if (verdict.breaker !== undefined) parts.push(catalog.breakers[verdict.breaker]);
  return parts.join(' — ');
}
