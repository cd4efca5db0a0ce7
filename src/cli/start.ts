/**
 * `npm start`: build if the sources are newer than the last build, migrate, then
 * serve build/ with plain Node in WEB_CONCURRENCY processes (node:cluster; PostgreSQL
 * only, PGlite is one process). Reads PORT, HOST, ORIGIN, DATA_DIR, DATABASE_URL.
 */
import cluster from 'node:cluster';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { closeDb, configFromEnv, getDb } from '../lib/server/db/index';
import { migrateToLatest } from '../lib/server/db/migrate';
import { parseKey } from '../lib/server/secrets/box';
import { serveClusterMetrics } from './cluster-metrics';

const started = performance.now();
const root = path.resolve(import.meta.dirname, '../..');
const stamp = path.join(root, 'build/.built-at');
const inputs = ['src', 'static', 'migrations', 'package.json', 'package-lock.json', 'svelte.config.js', 'vite.config.ts'];
const generated = path.join(root, 'src/lib/i18n/paraglide');
const say = (text: string) => console.log(`huifang: ${text}`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

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
	const buildStarted = performance.now();
	say('building the app with Vite (first start, or the sources changed since the last build; about a minute)…');
	const vite = path.join(root, 'node_modules/.bin/vite');
	const result = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	writeFileSync(stamp, new Date().toISOString());
	say(`built in ${seconds(buildStarted)}; later starts skip this step`);
}

// `--build-only`: the browser tests build once before starting several apps (tests/e2e/run.ts).
if (process.argv.includes('--build-only')) process.exit(0);

const config = configFromEnv();
// A malformed key is a configuration error: say so at start, not at the first webhook.
if (process.env.HUIFANG_SECRET_KEY) parseKey(process.env.HUIFANG_SECRET_KEY);
if (config.kind === 'pglite' && config.dataDir) mkdirSync(config.dataDir, { recursive: true });
say(`database: ${config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir} (set DATABASE_URL for PostgreSQL)`}; migrating…`);
const applied = await migrateToLatest(getDb());
// PGlite allows one process at a time on a data directory: release it before the server opens it.
await closeDb();
say(applied.length ? `applied ${applied.join(', ')}` : 'schema up to date');

// Without ORIGIN, adapter-node assumes https and refuses every form post made over plain
// http as cross-site; on a laptop the app is reached at http://localhost:PORT.
const port = process.env.PORT || '3000';
const listenHost = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
const origin = process.env.ORIGIN || `http://${listenHost}:${port}`;

// The app keeps no state in memory, so on PostgreSQL one process per core; PGlite's
// data directory belongs to a single process.
const asked = Number(process.env.WEB_CONCURRENCY) || 0;
const processes = config.kind === 'pglite' ? 1 : Math.max(1, asked || availableParallelism());
if (config.kind === 'pglite' && asked > 1) say('WEB_CONCURRENCY ignored: PGlite serves from one process (use DATABASE_URL to scale)');

// static-headers.js adds nosniff to the static files adapter-node serves before the hooks.
cluster.setupPrimary({ exec: path.join(root, 'build/index.js'), execArgv: ['--import', path.join(root, 'src/cli/static-headers.js')] });
serveClusterMetrics();
const env = {
	ORIGIN: origin,
	// Contact CSV uploads may be 20 MB (the import refuses larger files with a message); adapter-node's default is 512 KB.
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '21M'
};

let stopping = false;
let listening = 0;
let alive = 0;
const recentCrashes: number[] = [];

function fork() {
	const worker = cluster.fork(env);
	alive++;
	worker.once('listening', () => {
		if (++listening === processes) {
			say(`serving ${origin} with ${processes} process${processes === 1 ? '' : 'es'}, ready ${seconds(started)} after start` +
				(process.env.ORIGIN ? '' : ' (set ORIGIN to the address users type)'));
		}
	});
}

cluster.on('exit', (worker, code, signal) => {
	alive--;
	if (stopping) {
		if (alive === 0) process.exit(0);
		return;
	}
	// A crashed worker is replaced (the others keep serving), unless it keeps crashing.
	const now = Date.now();
	recentCrashes.push(now);
	while (recentCrashes[0]! < now - 30_000) recentCrashes.shift();
	if (recentCrashes.length > 5) {
		say(`worker ${worker.process.pid} exited (${signal ?? code}); too many crashes, stopping`);
		process.exit(1);
	}
	say(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
	fork();
});

// SIGTERM/SIGINT: each worker (adapter-node) stops accepting, finishes its requests in
// flight, closes its database pool and exits; the primary exits when they all have.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		say(`${signal}: finishing requests in flight, then stopping`);
		if (alive === 0) process.exit(0);
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
	});
}

for (let i = 0; i < processes; i++) fork();
