/** One named part of the desk that /readyz reports. */
export interface ReadinessCheck {
  name: string;
  /** Resolves with the part's state; a throw or a timeout counts as 'fail'. */
  check(): Promise<ReadinessResult>;
}

export interface ReadinessResult {
  /** 'skip': the part is not configured here (e.g. Discord in the terminal) and does not decide readiness. */
  status: 'ok' | 'fail' | 'skip';
  detail: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: ({ name: string } & ReadinessResult)[];
}

const TIMEOUT_MS = 3_000;

export async function runReadiness(checks: readonly ReadinessCheck[], timeoutMs = TIMEOUT_MS): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const result = await Promise.race([
          c.check(),
          new Promise<ReadinessResult>((resolve) => {
            timer = setTimeout(() => resolve({ status: 'fail', detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
          }),
        ]);
        return { name: c.name, ...result };
      } catch (error) {
        return { name: c.name, status: 'fail' as const, detail: error instanceof Error ? error.message : String(error) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every((r) => r.status !== 'fail'), checks: results };
}
