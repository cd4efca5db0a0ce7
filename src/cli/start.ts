/**
 * `npm start`: build if the sources are newer than the last build, migrate, then
 * serve build/ with plain Node. Reads PORT, HOST, ORIGIN, DATA_DIR, DATABASE_URL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeDb, configFromEnv, getDb } from '../lib/server/db/index';
import { migrateToLatest } from '../lib/server/db/migrate';

const root = path.resolve(import.meta.dirname, '../..');
const stamp = path.join(root, 'build/.built-at');
const inputs = ['src', 'static', 'migrations', 'package.json', 'package-lock.json', 'svelte.config.js', 'vite.config.ts'];
const generated = path.join(root, 'src/lib/i18n/paraglide');

function newestMtime(p: string): number {
	if (!existsSync(p) || p === generated) return 0;
	const stat = statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

function needsBuild(): boolean {
	if (!existsSync(path.join(root, 'build/index.js')) || !existsSync(stamp)) return true;
	const built = statSync(stamp).mtimeMs;
	return inputs.some((input) => newestMtime(path.join(root, input)) > built);
}

if (needsBuild()) {
	console.log('huifang: building (sources changed since the last build)…');
	const vite = path.join(root, 'node_modules/.bin/vite');
	const result = spawnSync(vite, ['build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	writeFileSync(stamp, new Date().toISOString());
}

const config = configFromEnv();
if (config.kind === 'pglite' && config.dataDir) mkdirSync(config.dataDir, { recursive: true });
const applied = await migrateToLatest(getDb());
// PGlite allows one process at a time on a data directory: release it before the server opens it.
await closeDb();
console.log(
	`huifang: database ${config.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.dataDir}`}, ` +
		(applied.length ? `applied ${applied.join(', ')}` : 'schema up to date')
);

// Without ORIGIN, adapter-node assumes https and refuses every form post made over plain
// http as cross-site; on a laptop the app is reached at http://localhost:PORT.
const port = process.env.PORT || '3000';
const listenHost = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
const origin = process.env.ORIGIN || `http://${listenHost}:${port}`;
console.log(`huifang: open ${origin}` + (process.env.ORIGIN ? '' : ' (set ORIGIN to the address users type)'));

// static-headers.js adds nosniff to the static files adapter-node serves before the hooks.
const server = spawn(process.execPath, ['--import', path.join(root, 'src/cli/static-headers.js'), path.join(root, 'build/index.js')], {
	stdio: 'inherit',
	// Contact CSV uploads may be 20 MB (the import refuses larger files with a message); adapter-node's default is 512 KB.
	env: { ...process.env, ORIGIN: origin, BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '21M' }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
