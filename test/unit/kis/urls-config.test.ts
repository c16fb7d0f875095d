import { describe, expect, it } from 'vitest';
import { parseKisConfig } from '../../../src/adapters/kis/config';
import { KisGuardError } from '../../../src/adapters/kis/http/errors';
import {
  assertOutgoingAllowed,
  fillNoticeTrId,
  LIVE_ENDPOINTS,
  REAL_TR_IDS,
  resolveEndpoints,
  trIdFor,
} from '../../../src/adapters/kis/urls';

const base = {
  appKey: 'PSabcdefghijklmnopqrstuvwxyz0123456789',
  appSecret: 'secret-value',
  account: '12345678-01',
  htsId: 'tester',
};

describe('TR ids', () => {
  it('when the environment is paper then account TRs swap their first letter for V and quotations stay', () => {
    // Act + Assert
    expect(trIdFor('paper', REAL_TR_IDS.buy)).toBe('VTTC0012U');
    expect(trIdFor('paper', REAL_TR_IDS.dailyOrdersOlder)).toBe('VTSC9215R');
    expect(trIdFor('paper', REAL_TR_IDS.quote)).toBe('FHKST01010100');
    expect(trIdFor('real', REAL_TR_IDS.buy)).toBe('TTTC0012U');
    expect(fillNoticeTrId('paper')).toBe('H0STCNI9');
    expect(fillNoticeTrId('real')).toBe('H0STCNI0');
  });
});

describe('environment guard', () => {
  it.each([
    ['paper', `${LIVE_ENDPOINTS.real.rest}/uapi/x`, 'FHKST01010100'],
    ['paper', 'https://openapi.koreainvestment.com:443/uapi/x', undefined],
    ['paper', `${LIVE_ENDPOINTS.real.ws}/tryitout`, undefined],
    ['paper', 'http://127.0.0.1:1234/uapi/x', 'TTTC0012U'],
    ['paper', 'http://127.0.0.1:1234/uapi/x', 'CTSC9215R'],
    ['paper', 'ws://127.0.0.1:1234', 'H0STCNI0'],
    ['real', `${LIVE_ENDPOINTS.paper.rest}/uapi/x`, 'TTTC0012U'],
    ['real', `${LIVE_ENDPOINTS.paper.ws}`, undefined],
    ['real', 'http://127.0.0.1:1234/uapi/x', 'VTTC0012U'],
  ] as const)('when %s sends to %s with %s then the guard refuses it', (environment, url, trId) => {
    // Act + Assert
    expect(() => assertOutgoingAllowed(environment, url, trId)).toThrow(KisGuardError);
  });

  it.each([
    ['paper', `${LIVE_ENDPOINTS.paper.rest}/uapi/x`, 'VTTC0012U'],
    ['paper', `${LIVE_ENDPOINTS.paper.ws}/tryitout`, 'H0STCNI9'],
    ['paper', 'http://127.0.0.1:1234/uapi/x', 'FHKST01010100'],
    ['real', `${LIVE_ENDPOINTS.real.rest}/uapi/x`, 'TTTC0012U'],
    ['real', 'http://127.0.0.1:1234/uapi/x', 'H0STCNI0'],
  ] as const)('when %s sends to %s with %s then the guard lets it pass', (environment, url, trId) => {
    // Act + Assert
    expect(() => assertOutgoingAllowed(environment, url, trId)).not.toThrow();
  });
});

describe('KIS config', () => {
  it('when real has no URL override and no confirmLive then config fails naming confirmLive', () => {
    // Act + Assert
    expect(() => parseKisConfig({ ...base, environment: 'real' })).toThrow(/confirmLive/);
  });

  it('when real is confirmed then the live hosts are used', () => {
    // Act
    const config = parseKisConfig({ ...base, environment: 'real', confirmLive: true });
    // Assert
    expect(resolveEndpoints(config.environment, config.urls)).toEqual(LIVE_ENDPOINTS.real);
  });

  it('when real names the live hosts explicitly then confirmLive is still required', () => {
    // Act + Assert
    expect(() => parseKisConfig({ ...base, environment: 'real', urls: LIVE_ENDPOINTS.real })).toThrow(
      /confirmLive/,
    );
  });

  it('when real points at a simulator then no confirmation is needed', () => {
    // Act
    const config = parseKisConfig({
      ...base,
      environment: 'real',
      urls: { rest: 'http://127.0.0.1:9/', ws: 'ws://127.0.0.1:9' },
    });
    // Assert
    expect(resolveEndpoints(config.environment, config.urls).rest).toBe('http://127.0.0.1:9');
  });

  it('when several fields are wrong then one error names all of them and no secret', () => {
    // Act
    let message = '';
    try {
      parseKisConfig({
        environment: 'paper',
        appKey: '',
        appSecret: 'TOPSECRET',
        account: '1234',
        htsId: '',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    // Assert
    expect(message).toMatch(/appKey/);
    expect(message).toMatch(/account/);
    expect(message).toMatch(/htsId/);
    expect(message).not.toContain('TOPSECRET');
  });
});
