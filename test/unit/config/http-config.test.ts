import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config';

describe('HTTP server settings', () => {
  it('when nothing is set then health and the dashboard listen on loopback 8787 without a token', () => {
    expect(loadConfig({}).http).toEqual({ enabled: true, host: '127.0.0.1', port: 8787, dashboard: true });
  });

  it('when bound beyond loopback without a token then config fails naming DASHBOARD_TOKEN', () => {
    expect(() => loadConfig({ HTTP_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HTTP_HOST: '0.0.0.0' })).toThrow(/DASHBOARD_TOKEN/);
  });

  it('when bound beyond loopback with a token then the token is a secret for redaction', () => {
    const config = loadConfig({ HTTP_HOST: '0.0.0.0', DASHBOARD_TOKEN: 'x'.repeat(24) });

    expect(config.http.token).toBe('x'.repeat(24));
    expect(config.secrets).toContain('x'.repeat(24));
  });

  it('when turned off then no token is needed and the port is not checked', () => {
    expect(loadConfig({ HTTP_ENABLED: 'false', HTTP_HOST: '0.0.0.0' }).http.enabled).toBe(false);
    expect(() => loadConfig({ HTTP_PORT: '70000' })).toThrow(/HTTP_PORT/);
  });
});
