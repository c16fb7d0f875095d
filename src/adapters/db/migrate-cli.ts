import { loadConfig } from '../../config';
import { openDatabase } from './client';

/** `npm run db:migrate`: applies the committed migrations to the configured database. */
const config = loadConfig(process.env);
const database = await openDatabase({ url: config.database.url, dataDir: config.database.pgliteDir });
console.log(
  `migrations applied: ${database.description}; pgvector ${database.vectorAvailable ? 'on' : 'off'}`,
);
await database.close();
