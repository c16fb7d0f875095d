import { afterEach, describe, expect, it } from 'vitest';
import { PAPER, RawKis, REAL, sample, startSim, WEDNESDAY_10_00, type SimHarness } from './support';

const HOUR = 3_600_000;

describe('KIS simulator: tokens and keys', () => {
  let harness: SimHarness | undefined;
  afterEach(async () => {
    await harness?.sim.close();
    harness = undefined;
  });

  it('when a token is asked for again within 6 h then the same token and expiry come back', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const kis = RawKis.for(harness.sim, PAPER);

    const first = await kis.issueToken();
    harness.clock.advance(2 * HOUR);
    const second = await kis.issueToken();

    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(
      Object.keys(sample<{ body: object }>('auth_token_response.json').body).sort(),
    );
    expect(first.body.token_type).toBe('Bearer');
    expect(first.body.expires_in).toBe(86_400);
    expect(first.body.access_token_token_expired).toBe('2026-07-16 10:00:00');
    expect(second.body.access_token).toBe(first.body.access_token);
    expect(second.body.access_token_token_expired).toBe('2026-07-16 10:00:00');
    expect(second.body.expires_in).toBe(22 * 3_600);
    expect(harness.sim.control.stats().tokensIssued).toBe(1);
  });

  it('when a token is asked for twice within a minute then the second answer is 403 EGW00133', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const kis = RawKis.for(harness.sim, PAPER);

    await kis.issueToken();
    harness.clock.advance(30_000);
    const again = await kis.issueToken();

    expect(again.status).toBe(403);
    expect(again.body).toEqual(sample<{ body: object }>('auth_token_rate_limited.json').body);
  });

  it('when 6 h have passed then a new token is issued', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const kis = RawKis.for(harness.sim, PAPER);

    const first = await kis.issueToken();
    harness.clock.advance(6 * HOUR + 1_000);
    const second = await kis.issueToken();

    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    expect(harness.sim.control.stats().tokensIssued).toBe(2);
  });

  it('when the token is 24 h old then /uapi answers 500 EGW00123 and an unknown token 500 EGW00121', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();
    const fresh = await kis.quote('069500');

    harness.clock.advance(24 * HOUR + 1);
    const expired = await kis.quote('069500');
    kis.token = 'not-a-token';
    harness.clock.advance(2_000);
    const unknown = await kis.quote('069500');

    expect(fresh.status).toBe(200);
    expect(expired.status).toBe(500);
    expect(expired.body).toEqual({ rt_cd: '1', msg_cd: 'EGW00123', msg1: '기간이 만료된 token 입니다.' });
    expect(unknown.status).toBe(500);
    expect(unknown.body).toMatchObject({ rt_cd: '1', msg_cd: 'EGW00121' });
  });

  it('when expireTokens is called then the next call fails with EGW00123 and a new token can be issued at once', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const kis = RawKis.for(harness.sim, PAPER);
    const first = await kis.issueToken();

    harness.sim.control.expireTokens();
    const refused = await kis.quote('069500');
    harness.clock.advance(1_000);
    const reissued = await kis.issueToken();
    harness.clock.advance(1_000);
    const again = await kis.quote('069500');

    expect(refused.body).toMatchObject({ msg_cd: 'EGW00123' });
    expect(reissued.status).toBe(200);
    expect(reissued.body.access_token).not.toBe(first.body.access_token);
    expect(again.status).toBe(200);
  });

  it('when a paper token is used on the real host then it is refused: keys and tokens are per environment', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const paper = RawKis.for(harness.sim, PAPER);
    await paper.issueToken();
    const onRealHost = new RawKis(harness.sim.urls.real.rest, PAPER);
    onRealHost.token = paper.token;
    const realWithPaperToken = new RawKis(harness.sim.urls.real.rest, REAL);
    realWithPaperToken.token = paper.token;

    const wrongHost = await onRealHost.quote('069500');
    const wrongToken = await realWithPaperToken.quote('069500');
    harness.clock.advance(61_000); // tokenP is once a minute per key
    const tokenOnWrongHost = await onRealHost.issueToken();

    // Live KIS: the paper key's token is issued on the real host too, and every call there answers EGW02004.
    expect(wrongHost.status).toBe(500);
    expect(wrongHost.body).toMatchObject({ rt_cd: '1', msg_cd: 'EGW02004' });
    expect(wrongToken.body).toMatchObject({ rt_cd: '1', msg_cd: 'EGW00121' });
    expect(tokenOnWrongHost.status).toBe(200);
    onRealHost.token = tokenOnWrongHost.body.access_token as string;
    expect((await onRealHost.quote('069500')).body).toMatchObject({ msg_cd: 'EGW02004' });
  });

  it('when a real key is used on the paper host then its token is issued and every call answers EGW02007', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const realOnPaper = new RawKis(harness.sim.urls.paper.rest, REAL);

    const token = await realOnPaper.issueToken();
    const quote = await realOnPaper.quote('069500');

    expect(token.status).toBe(200);
    expect(quote.status).toBe(500);
    expect(quote.body).toEqual({
      rt_cd: '1',
      msg_cd: 'EGW02007',
      msg1: '해당 앱키는 모의투자용 앱키가 아닙니다.',
    });
  });

  it('when the app secret is wrong or the Bearer word is missing then the gateway refuses with EGW00105 / EGW00205', async () => {
    harness = await startSim(WEDNESDAY_10_00, { rateLimitPerSecond: { real: 100, paper: 100 } });
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();

    const badSecret = await kis.get(
      '/uapi/domestic-stock/v1/quotations/inquire-price',
      'FHKST01010100',
      { FID_COND_MRKT_DIV_CODE: 'J', FID_INPUT_ISCD: '069500' },
      { appsecret: 'wrong' },
    );
    const noBearer = await kis.get(
      '/uapi/domestic-stock/v1/quotations/inquire-price',
      'FHKST01010100',
      { FID_COND_MRKT_DIV_CODE: 'J', FID_INPUT_ISCD: '069500' },
      { authorization: kis.token },
    );
    const tokenWithBadSecret = await new RawKis(kis.rest, { ...PAPER, appSecret: 'wrong' }).issueToken();

    expect(badSecret.status).toBe(500);
    expect(badSecret.body).toMatchObject({ msg_cd: 'EGW00105' });
    expect(noBearer.body).toMatchObject({ msg_cd: 'EGW00205' });
    expect(tokenWithBadSecret.body).toEqual({
      error_description: '유효하지 않은 AppSecret입니다.',
      error_code: 'EGW00105',
    });
  });

  it('when a token is revoked then it stops working and revoking it again fails with EGW00121', async () => {
    harness = await startSim(WEDNESDAY_10_00);
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();
    const body = { appkey: PAPER.appKey, appsecret: PAPER.appSecret, token: kis.token };

    const revoked = await kis.postJson('/oauth2/revokeP', body);
    const after = await kis.quote('069500');
    const twice = await kis.postJson('/oauth2/revokeP', body);

    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual(sample<{ body: object }>('auth_revoke_response.json').body);
    expect(after.body).toMatchObject({ msg_cd: 'EGW00121' });
    expect(twice.body).toEqual({ error_description: '유효하지 않은 token 입니다.', error_code: 'EGW00121' });
  });

  it('when a hashkey is requested then it echoes the body and a POST with a wrong hashkey is refused with EGW00131', async () => {
    harness = await startSim(WEDNESDAY_10_00, { rateLimitPerSecond: { real: 100, paper: 100 } });
    const kis = RawKis.for(harness.sim, PAPER);
    await kis.issueToken();
    const order = {
      CANO: PAPER.cano,
      ACNT_PRDT_CD: '01',
      PDNO: '069500',
      ORD_DVSN: '01',
      ORD_QTY: '1',
      ORD_UNPR: '0',
    };

    const hashed = await fetch(`${kis.rest}/uapi/hashkey`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', appkey: PAPER.appKey, appsecret: PAPER.appSecret },
      body: JSON.stringify(order),
    }).then((r) => r.json() as Promise<{ BODY: unknown; HASH: string }>);
    const post = (hash: string): Promise<Response> =>
      fetch(`${kis.rest}/uapi/domestic-stock/v1/trading/order-cash`, {
        method: 'POST',
        headers: kis.headers('VTTC0012U', { hashkey: hash }),
        body: JSON.stringify(order),
      });
    const wrong = await post('0'.repeat(64));
    const right = await post(hashed.HASH);

    expect(hashed.BODY).toEqual(order);
    expect(hashed.HASH).toMatch(/^[0-9a-f]{64}$/);
    expect(wrong.status).toBe(500);
    expect(await wrong.json()).toMatchObject({ msg_cd: 'EGW00131' });
    expect(await right.json()).toMatchObject({ rt_cd: '0', msg_cd: '40600000' });
  });
});
