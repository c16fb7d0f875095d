import { describe, expect, it } from 'vitest';
import { etfTaxClass, isaClosingTax, saleTax } from '../../../src/backtest/tax';

describe('ETF tax by class and account type', () => {
  it('when a taxable account sells a bond, overseas or commodity ETF at a gain then 15.4 % of the gain is due, rounded down', () => {
    expect(saleTax('taxable', '114260', 100_001)).toBe(15_400);
    expect(saleTax('taxable', '360750', 1_000)).toBe(154);
    expect(saleTax('taxable', '132030', -5_000)).toBe(0);
  });

  it('when the ETF is domestic equity, or the account is an ISA or pension, then a sale owes nothing', () => {
    expect(etfTaxClass('069500')).toBe('DOMESTIC_EQUITY');
    expect(etfTaxClass('122630')).toBe('OTHER');
    expect(saleTax('taxable', '069500', 1_000_000)).toBe(0);
    expect(saleTax('isa', '114260', 1_000_000)).toBe(0);
    expect(saleTax('pension', '114260', 1_000_000)).toBe(0);
  });

  it('when an ISA closes then 9.9 % of the net gain above 2,000,000 KRW is due', () => {
    expect(isaClosingTax(2_000_000)).toBe(0);
    expect(isaClosingTax(3_000_000)).toBe(99_000);
    expect(isaClosingTax(-500_000)).toBe(0);
  });
});
