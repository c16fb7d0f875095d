import { describe, expect, it } from 'vitest';
import { ConfigError, LIVE_TRADING_CONFIRMATION, loadConfig } from '../../../src/config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('config', () => {
  it('when nothing is configured then every part falls back to its embedded default', () => {
    const config = loadConfig({});
    expect(config.discord.enabled).toBe(false);
    expect(config.openai.enabled).toBe(false);
    expect(config.kis).toMatchObject({ mode: 'simulator', environment: 'paper' });
    expect(config.database.url).toBeUndefined();
    expect(config.qdrant).toBeUndefined();
    expect(config.risk).toMatchObject({
      maxOrderValue: 300_000,
      // The study's weight cap (docs/study/), shared by the strategy and the guard.
      maxPositionWeightBp: 5_000,
      maxOrdersPerDay: 10,
      navFloor: 800_000,
    });
    expect(config.cycle).toMatchObject({ time: '08:00', orders: 'approve', safeAsset: '114260' });
  });

  it('when several variables are bad or missing then one error names every one of them', () => {
    const env = {
      DISCORD_TOKEN: 'discord-token-value',
      DISCORD_GUILD_ID: 'not-a-snowflake',
      KIS_ENV: 'real',
      KIS_APP_KEY: 'PSabcdefabcdefabcdefabcdefabcdefabcd',
      KIS_ACCOUNT: '1234',
      RISK_MAX_ORDER_VALUE_KRW: '12.5',
      CYCLE_TIME: '8am',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
    };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of [
      'DISCORD_GUILD_ID',
      'DISCORD_APPLICATION_ID',
      'DISCORD_TRADE_CHANNEL_ID',
      'DISCORD_APPROVER_USER_IDS',
      'KIS_APP_SECRET',
      'KIS_HTS_ID',
      'KIS_ACCOUNT',
      'KIS_LIVE_TRADING_CONFIRM',
      'RISK_MAX_ORDER_VALUE_KRW',
      'CYCLE_TIME',
      'DATABASE_URL',
      'LOG_LEVEL',
    ]) {
      expect(message, name).toContain(name);
    }
    expect(message).not.toContain('discord-token-value');
    expect(message).not.toContain('PSabcdef');
  });

  it('when the guild id is given as an approver role then config fails with a clear message next to every other problem', () => {
    const problems = problemsOf({
      DISCORD_TOKEN: 'discord-token-value',
      DISCORD_APPLICATION_ID: '100000000000000001',
      DISCORD_GUILD_ID: '100000000000000100',
      DISCORD_TRADE_CHANNEL_ID: '100000000000000201',
      DISCORD_APPROVER_ROLE_IDS: '100000000000000300, 100000000000000100',
      LOG_LEVEL: 'loud',
    });

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^DISCORD_APPROVER_ROLE_IDS: contains DISCORD_GUILD_ID, which is the @everyone role/,
        ),
        expect.stringContaining('LOG_LEVEL'),
      ]),
    );
    expect(problems.join('\n')).not.toContain('discord-token-value');
  });

  it('when live trading is asked for without the confirmation then config fails', () => {
    const base = {
      KIS_ENV: 'real',
      KIS_APP_KEY: 'k'.repeat(36),
      KIS_APP_SECRET: 's'.repeat(180),
      KIS_ACCOUNT: '12345678-01',
      KIS_HTS_ID: 'hts',
    };
    expect(problemsOf(base).join()).toContain('KIS_LIVE_TRADING_CONFIRM');
    const live = loadConfig({ ...base, KIS_LIVE_TRADING_CONFIRM: LIVE_TRADING_CONFIRMATION });
    expect(live.kis).toMatchObject({
      mode: 'broker',
      environment: 'real',
      cano: '12345678',
      productCode: '01',
    });
  });

  it('when KIS keys are given without KIS_ENV then the environment is paper', () => {
    const config = loadConfig({
      KIS_APP_KEY: 'k'.repeat(36),
      KIS_APP_SECRET: 's'.repeat(180),
      KIS_ACCOUNT: '12345678-01',
      KIS_HTS_ID: 'hts',
    });
    expect(config.kis.environment).toBe('paper');
  });

  it('when the real environment has no keys then the simulator is refused', () => {
    expect(
      problemsOf({ KIS_ENV: 'real', KIS_LIVE_TRADING_CONFIRM: LIVE_TRADING_CONFIRMATION }).join(),
    ).toContain('KIS_ENV');
  });

  it('when Discord is on with an empty approver allow-list then config fails', () => {
    const problems = problemsOf({
      DISCORD_TOKEN: 'x'.repeat(20),
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_GUILD_ID: '123456789012345679',
      DISCORD_TRADE_CHANNEL_ID: '123456789012345680',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('approver');
  });

  it('when a KIS URL override points at a foreign host then it is refused', () => {
    const keyed = {
      KIS_APP_KEY: 'k'.repeat(36),
      KIS_APP_SECRET: 's'.repeat(180),
      KIS_ACCOUNT: '12345678-01',
      KIS_HTS_ID: 'hts',
    };
    expect(problemsOf({ ...keyed, KIS_REST_URL: 'https://evil.example.com' }).join()).toContain(
      'KIS_REST_URL',
    );
    expect(problemsOf({ ...keyed, KIS_REST_URL: 'http://127.0.0.1:9443' })).toEqual([]);
  });

  it('collects every secret for redaction', () => {
    const config = loadConfig({
      OPENAI_API_KEY: 'sk-test-123456',
      DATABASE_URL: 'postgres://u:pa55word@localhost:5432/db',
    });
    expect(config.secrets).toEqual(expect.arrayContaining(['sk-test-123456', 'pa55word']));
  });
});
