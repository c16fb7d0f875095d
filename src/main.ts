/**
 * Composition root (with compose.ts): reads the environment, builds the desk, starts the background work and
 * the channel. Nothing else reads process.env or picks adapters.
 */
import { ConfigError, loadConfig, type Config } from './config';
import { composeDesk, secretsOf, type DeskRuntime } from './compose';
import { createTerminalChannel } from './adapters/console/terminal';
import { createDiscordChannel, createDiscordCyclePublisher, type DiscordChannel } from './adapters/discord';
import { kstDate } from './domain/market';
import { pino } from 'pino';
import { createLogger } from './adapters/logging/logger';
import { repoPath } from './adapters/resources';
import { deskReadinessChecks } from './adapters/http/desk-readiness';
import { HttpPortInUseError, startDeskHttpServer, type DeskHttpServer } from './adapters/http/server';
import { createDashboardRoutes } from './adapters/dashboard/routes';

export function describeParts(
  config: Config,
  database: { description: string; vectorAvailable: boolean },
): string[] {
  return [
    `database   : ${database.description}${config.database.url ? '' : '  [embedded]'}`,
    `memory     : ${config.qdrant ? `Qdrant (${new URL(config.qdrant.url).host})` : database.vectorAvailable ? 'pgvector in the database  [embedded]' : 'unavailable (no pgvector, no QDRANT_URL)'}`,
    `broker     : ${config.kis.mode === 'simulator' ? 'built-in KIS simulator (paper)  [embedded]' : `KIS ${config.kis.environment === 'real' ? 'REAL (live orders)' : 'paper'}`}`,
    `kis budget : ${config.kis.mode === 'simulator' ? 'this process (simulator)' : config.redis ? `shared through Redis (${new URL(config.redis.url).host})` : config.database.url ? 'shared through Postgres' : 'this process (PGlite: one desk per data directory)'}`,
    `chat model : ${config.openai.enabled ? `OpenAI-compatible (${config.openai.chatModel})` : 'offline planner  [embedded]'}`,
    `embeddings : ${config.openai.enabled ? `OpenAI (${config.openai.embeddingModel})` : 'local hashed n-grams (not semantic)  [embedded]'}`,
    `channel    : ${config.discord.enabled ? 'Discord' : 'terminal  [embedded]'}`,
    `jobs       : pg-boss queue in ${database.description.startsWith('PGlite') ? 'PGlite (this process)' : 'Postgres (shared by every desk process; one leads the scheduler)'}`,
  ];
}

/** Waits (bounded) for start-up reconciliation: until it succeeds trading is HALTED. */
async function waitForReconciliation(runtime: DeskRuntime, maxMs: number): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if (!(await runtime.core.tradingState.effective()).awaitingReconciliation) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/**
 * Started once a channel can publish: the scheduler reconciles first (trading stays HALTED until the books match
 * the broker); the process takes part in the scheduler leadership and works the job queue, and the leader
 * queues the daily cycle, periodic reconciliation, the close snapshot and the sweep.
 */
async function startScheduler(runtime: DeskRuntime): Promise<void> {
  await runtime.startBackgroundWork();
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`설정 오류 / configuration error\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // In the terminal, log lines would interleave with the conversation: they go to a file instead.
  const logFile = repoPath('data', 'kis-desk.log');
  const logger = config.discord.enabled
    ? undefined
    : createLogger({
        level: config.logLevel,
        secrets: secretsOf(config),
        destination: pino.destination({ dest: logFile, mkdir: true, sync: false }),
      });
  const runtime = await composeDesk(config, logger ? { logger } : {});
  const { clock, calendar, database } = runtime;
  const log = runtime.logger;
  for (const warning of config.warnings ?? []) {
    log.warn({ warning }, 'configuration');
    console.warn(`설정 경고 / configuration warning: ${warning}`);
  }
  const today = kstDate(clock.now());
  console.log(['kis-desk', ...describeParts(config, database).map((l) => `  ${l}`)].join('\n'));
  if (logger) console.log(`  logs       : ${logFile}`);
  console.log(
    `  today (KST): ${today} — ${calendar.isTradingDay(today) ? 'KRX trading day' : `KRX closed (${calendar.closedReason(today)})`}`,
  );

  const fills = await runtime.broker
    .subscribeFills((notice) => void runtime.core.fills.onNotice(notice))
    .catch((error) => {
      log.warn({ err: error }, 'fill stream unavailable; fills arrive through reconciliation');
      return null;
    });

  let discord: DiscordChannel | null = null;
  let discordReady = false;
  let http: DeskHttpServer | null = null;
  if (config.http.enabled) {
    try {
      http = await startDeskHttpServer({
        host: config.http.host,
        port: config.http.port,
        registry: runtime.metrics.registry,
        ...(config.http.token ? { token: config.http.token } : {}),
        readiness: deskReadinessChecks({
          database: runtime.database,
          ...(runtime.broker.checkAccess ? { kisToken: () => runtime.broker.checkAccess!() } : {}),
          kisWebsocket: () =>
            fills
              ? { status: 'ok', detail: 'fill notices subscribed' }
              : { status: 'fail', detail: 'fill stream unavailable; fills arrive through reconciliation' },
          ...(config.discord.enabled
            ? {
                discordGateway: () =>
                  discordReady
                    ? { status: 'ok' as const, detail: 'logged in, guild loaded' }
                    : { status: 'fail' as const, detail: 'connecting' },
              }
            : {}),
          schedulerLeader: runtime.schedulerLeader,
          now: () => clock.now(),
          extra: runtime.statusProviders,
        }),
        ...(config.http.dashboard
          ? {
              routes: createDashboardRoutes({
                database: runtime.database,
                today: () => kstDate(clock.now()),
                names: Object.fromEntries(runtime.universe.map((u) => [u.ticker, u.name])),
                onRoleMissing: () =>
                  log.warn(
                    'dashboard: role kis_desk_dashboard not usable here; the page still reads only the dashboard views',
                  ),
              }),
            }
          : {}),
        onError: (error) => log.warn({ err: error }, 'http server'),
      });
      const base = `http://${config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host}:${http.port}`;
      console.log(`  health     : ${base}/healthz · /readyz · /metrics`);
      if (config.http.dashboard)
        console.log(`  dashboard  : ${base}/dashboard${config.http.token ? '  (token required)' : ''}`);
    } catch (error) {
      if (error instanceof HttpPortInUseError) {
        console.error(error.message);
        await fills?.close().catch(() => undefined);
        await runtime.close();
        process.exit(1);
      }
      throw error;
    }
  }
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await http?.close().catch(() => undefined);
    await discord?.stop().catch(() => undefined);
    await fills?.close().catch(() => undefined);
    await runtime.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const badge = runtime.simulator ? 'SIM' : config.kis.environment === 'real' ? 'LIVE' : 'PAPER';
  if (config.discord.enabled) {
    discord = createDiscordChannel({
      desk: runtime.desk,
      config: config.discord,
      environmentBadge: badge,
      clock,
      logger: log.child({ component: 'discord' }),
      defaultLocale: config.locale,
    });
    const channel = discord;
    runtime.channels.attach(
      createDiscordCyclePublisher(channel, { locale: config.locale, published: runtime.publications }),
      async (refs) => {
        await channel.archiveThreads(refs.filter((r) => r.channel === 'discord').map((r) => r.threadKey));
      },
    );
    await channel.start();
    discordReady = true;
    log.info('discord channel ready');
    runtime.watchAlerts.attach({ publishWatchAlert: (alert) => channel.postWatchAlert(alert) });
    await startScheduler(runtime);
    runtime.watch.start();
    return;
  }

  const terminal = createTerminalChannel({
    desk: runtime.desk,
    input: process.stdin,
    output: process.stdout,
    locale: config.locale,
    clock,
    onError: (what, error) => log.warn({ err: error, what }, 'terminal'),
  });
  runtime.channels.attach(
    terminal.cyclePublisher({ chartDir: repoPath('data', 'briefings'), published: runtime.publications }),
  );
  console.log(
    config.locale === 'ko' ? '  증권사 주문·잔고와 대조하는 중…' : '  reconciling with the broker…',
  );
  runtime.watchAlerts.attach(terminal.watchPublisher());
  await startScheduler(runtime);
  runtime.watch.start();
  await waitForReconciliation(runtime, 20_000);
  await terminal.run();
  await shutdown(0);
}

await main();
