/**
 * `npm run bench` (restart): how long `npm start` takes on a built checkout, from the
 * command to the first ready answer (/readyz), median of 3 starts, on PGlite (data
 * directory already migrated by a first start) and, with BENCH_DATABASE_URL, on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scratchDatabase } from '../scratch-database';
import { stopApp } from './app';

const root = path.resolve(import.meta.dirname, '../..');
const port = Number(process.env.BENCH_PORT ?? 4374) + 2;
const RUNS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Milliseconds from `npm start` to the first ready answer; the app is stopped after. */
async function timedStart(env: Record<string, string>): Promise<number> {
	const started = performance.now();
	const app = spawn('npm', ['start'], {
		cwd: root,
		env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: 'ignore',
		detached: true
	});
	try {
		for (;;) {
			try {
				if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return performance.now() - started;
			} catch {
				/* not listening yet */
			}
			if (performance.now() - started > 120_000) throw new Error('the app did not start within 2 minutes');
			await new Promise((r) => setTimeout(r, 20));
		}
	} finally {
		await stopApp(app);
		await portClosed();
	}
}

/** npm exits before the server it started has stopped: wait until nothing answers. */
async function portClosed(): Promise<void> {
	for (;;) {
		try {
			await fetch(`http://127.0.0.1:${port}/healthz`);
		} catch {
			return;
		}
		await new Promise((r) => setTimeout(r, 50));
	}
}

async function measure(label: string, env: Record<string, string>): Promise<void> {
	const first = await timedStart(env);
	const runs: number[] = [];
	for (let i = 0; i < RUNS; i++) runs.push(await timedStart(env));
	console.log(`restart on a built checkout, ${label}: median ${(median(runs) / 1000).toFixed(1)} s (runs ${runs.map((r) => (r / 1000).toFixed(1)).join(', ')}; first start with migrations ${(first / 1000).toFixed(1)} s)`);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-bench-restart-'));
try {
	await measure('PGlite', { DATA_DIR: dataDir });
} finally {
	rmSync(dataDir, { recursive: true, force: true });
}
if (process.env.BENCH_DATABASE_URL) {
	const db = await scratchDatabase(process.env.BENCH_DATABASE_URL, `huifang_bench_restart_${process.pid}`);
	try {
		await measure('PostgreSQL', { DATABASE_URL: db.url });
	} finally {
		await db.drop();
	}
}
