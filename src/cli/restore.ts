/**
 * `npm run restore -- <file> [--force]`: loads a file made by `npm run backup` into the
 * configured database (DATABASE_URL, else PGlite under DATA_DIR; stop the app first).
 * A database that already holds tables is refused unless --force.
 */
import { configFromEnv } from '../lib/server/db/index';
import { BackupError, restore } from '../lib/server/db/backup';

const args = process.argv.slice(2);
const force = args.includes('--force');
const files = args.filter((a) => a !== '--force');
if (args.includes('--help') || files.length !== 1) {
	console.log('usage: npm run restore -- <file> [--force]   (DATABASE_URL for PostgreSQL, else PGlite in DATA_DIR)');
	process.exit(args.includes('--help') ? 0 : 2);
}
const config = configFromEnv();
try {
	const { movedAside } = await restore(config, files[0]!, { force });
	const target = config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
	console.log(`restore: ${files[0]} loaded into ${target}${movedAside ? `; the previous data directory is kept at ${movedAside}` : ''}`);
} catch (e) {
	console.error(`restore failed: ${e instanceof BackupError ? e.message : String(e)}`);
	process.exit(1);
}
