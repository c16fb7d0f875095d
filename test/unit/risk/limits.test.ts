import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, riskLimitsSchema } from '../../../src/domain/risk/limits';

describe('risk limits schema', () => {
  it('when the defaults are validated then they pass unchanged', () => {
    expect(riskLimitsSchema.parse(DEFAULT_RISK_LIMITS)).toEqual(DEFAULT_RISK_LIMITS);
  });

  it('when limits are out of range then every bad field is named', () => {
    const result = riskLimitsSchema.safeParse({
      ...DEFAULT_RISK_LIMITS,
      allowedTickers: [],
      maxPositionWeightBp: 12_000,
      maxOrderValue: 1.5,
      surprise: true,
    });

    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.') || i.code) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['allowedTickers', 'maxPositionWeightBp', 'maxOrderValue', 'unrecognized_keys']));
  });
});
