/**
 * `npm run bench` (second part): a 50,000-row contact CSV imported in batches, timed,
 * while a probe runs a query every 20 ms: its p95/max latency shows whether other users
 * are blocked; on PGlite and, with BENCH_DATABASE_URL, on PostgreSQL. (Link submissions
 * over HTTP, against raw `pg`, are the respondent bench: tests/bench/respondent.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { completeSetup } from '../../src/lib/server/users/service';
import { createImport, getImport, guessMapping, runImport, startImport } from '../../src/lib/server/contacts/import';
import { scratchDatabase } from '../scratch-database';

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function importBench(name: string, db: Db, userId: string) {
	const lines = ['姓名,手机,客户编号,客户等级,购买日期,车型'];
	for (let i = 0; i < IMPORT_ROWS; i++) {
		const phone = i % 500 === 7 ? '12345' : `+86137${String(10_000_000 + i)}`;
		lines.push(`客户${i},${phone},IMP-${i},${'ABCDE'[i % 5]},2026/${(i % 12) + 1}/${(i % 28) + 1},M${i % 40}`);
	}
	const bytes = new TextEncoder().encode(lines.join('\n'));
	const created = await createImport(db, { userId, fileName: 'bench.csv', bytes });
	if (!created.ok) throw new Error(created.error);
	const job = (await getImport(db, created.id))!;
	await startImport(db, created.id, guessMapping(job.headers));
	const probes: number[] = [];
	let running = true;
	const probe = (async () => {
		while (running) {
			const t = performance.now();
			await db.selectFrom('contacts').select((eb) => eb.fn.countAll().as('n')).where('tier', '=', 'A').executeTakeFirst();
			probes.push(performance.now() - t);
			await new Promise((r) => setTimeout(r, 20));
		}
	})();
	const started = performance.now();
	await runImport(db, created.id);
	const seconds = (performance.now() - started) / 1000;
	running = false;
	await probe;
	const done = (await getImport(db, created.id))!;
	probes.sort((a, b) => a - b);
	console.log(
		`${name.padEnd(10)} import of ${IMPORT_ROWS} rows (${(bytes.length / 1e6).toFixed(1)} MB): ${seconds.toFixed(1)} s, ` +
			`${Math.round(IMPORT_ROWS / seconds)} rows/s; created ${done.created}, rejected ${done.rejected}; ` +
			`a concurrent query meanwhile: p95 ${fmt(pct(probes, 0.95))}, max ${fmt(probes.at(-1)!)} (${probes.length} probes)`
	);
}

async function benchOn(name: string, db: Db) {
	await migrateToLatest(db);
	const userId = await completeSetup(db, { companyName: 'Bench', username: 'bench', displayName: 'Bench', password: 'bench password 1', agentCode: null });
	await importBench(name, db, userId);
	await db.destroy();
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'huifang-bench-'));
try {
	await benchOn('PGlite', createDb({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') }));
} finally {
	rmSync(dataDir, { recursive: true, force: true });
}

const serverUrl = process.env.BENCH_DATABASE_URL;
if (serverUrl) {
	const scratch = await scratchDatabase(serverUrl, `huifang_bench_import_${process.pid}`);
	try {
		await benchOn('PostgreSQL', createDb({ kind: 'postgres', url: scratch.url }));
	} finally {
		await scratch.drop();
	}
} else {
	console.log('(set BENCH_DATABASE_URL=postgres://… for PostgreSQL)');
}
