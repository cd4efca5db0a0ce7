/**
 * `npm run backup -- [file]`: the configured database (DATABASE_URL, else PGlite under
 * DATA_DIR) into one file; default name huifang-<time>.dump (PostgreSQL, pg_dump's custom
 * format) or huifang-<time>.tar.gz (PGlite; stop the app first: its data directory
 * belongs to one process). `npm run restore` loads it.
 */
import { statSync } from 'node:fs';
import { configFromEnv } from '../lib/server/db/index';
import { backup, BackupError } from '../lib/server/db/backup';

const args = process.argv.slice(2);
if (args.includes('--help') || args.length > 1) {
	console.log('usage: npm run backup -- [file]   (DATABASE_URL for PostgreSQL, else PGlite in DATA_DIR)');
	process.exit(args.includes('--help') ? 0 : 2);
}
const config = configFromEnv();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = args[0] ?? `huifang-${stamp}.${config.kind === 'postgres' ? 'dump' : 'tar.gz'}`;
try {
	await backup(config, file);
	console.log(`backup: ${config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`} written to ${file} (${statSync(file).size} bytes)`);
} catch (e) {
	console.error(`backup failed: ${e instanceof BackupError ? e.message : String(e)}`);
	process.exit(1);
}
