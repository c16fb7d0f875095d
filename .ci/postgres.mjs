// Creates or drops the CI database through the admin URL. Exits 1 when Postgres is not reachable.
import postgres from 'postgres';

const [action, adminUrl, name] = process.argv.slice(2);
if (!/^[a-z0-9_]+$/.test(name ?? '')) process.exit(2);
const sql = postgres(adminUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
try {
  if (action === 'create') await sql.unsafe(`create database ${name}`);
  else await sql.unsafe(`drop database if exists ${name} with (force)`);
} catch (error) {
  console.error(`ci: postgres ${action} failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await sql.end({ timeout: 5 });
}
