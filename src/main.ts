/**
 * Composition root: the only place that reads the environment and picks concrete adapters.
 */
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './adapters/db/client';
import { createLogger } from './adapters/logging/logger';
import { loadTradingCalendar } from './adapters/calendar/load';
import { SystemClock } from './adapters/clock/system';
import { kstDate } from './domain/market';

export function describeParts(
  config: Config,
  database: { description: string; vectorAvailable: boolean },
): string[] {
  return [
    `database   : ${database.description}${config.database.url ? '' : '  [embedded]'}`,
    `memory     : ${config.qdrant ? `Qdrant (${new URL(config.qdrant.url).host})` : database.vectorAvailable ? 'pgvector in the database  [embedded]' : 'unavailable (no pgvector, no QDRANT_URL)'}`,
    `broker     : ${config.kis.mode === 'simulator' ? 'built-in KIS simulator (paper)  [embedded]' : `KIS ${config.kis.environment === 'real' ? 'REAL (live orders)' : 'paper'}`}`,
    `chat model : ${config.openai.enabled ? `OpenAI-compatible (${config.openai.chatModel})` : 'offline planner  [embedded]'}`,
    `embeddings : ${config.openai.enabled ? `OpenAI (${config.openai.embeddingModel})` : 'local hashed n-grams (not semantic)  [embedded]'}`,
    `channel    : ${config.discord.enabled ? 'Discord' : 'terminal  [embedded]'}`,
  ];
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
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
  const clock = new SystemClock();
  const calendar = loadTradingCalendar();
  const database = await openDatabase({ url: config.database.url, dataDir: config.database.pgliteDir });
  const today = kstDate(clock.now());
  console.log(['kis-desk', ...describeParts(config, database).map((l) => `  ${l}`)].join('\n'));
  console.log(
    `  today (KST): ${today} — ${calendar.isTradingDay(today) ? 'KRX trading day' : `KRX closed (${calendar.closedReason(today)})`}`,
  );
  logger.info({ database: database.kind }, 'started');
  await database.close();
}

await main();
