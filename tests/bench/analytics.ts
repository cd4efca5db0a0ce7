/**
 * `npm run bench`: how long the analytics page's queries take over a realistic
 * questionnaire (the demo data: 5,000 responses, ~45,000 answers over 90 days),
 * on in-memory PGlite and, when BENCH_DATABASE_URL names a server, on PostgreSQL
 * (a fresh database is created there and dropped after). Prints medians and the ratio.
 */
import { scratchDatabase } from '../scratch-database';
import { createDb, type Db } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { questionnaireAnalytics } from '../../src/lib/server/analytics/service';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 5000);
const RUNS = 9;

async function measure(name: string, db: Db): Promise<number> {
	await migrateToLatest(db);
	const { questionnaireId } = await seedDemo(db, { responses: RESPONSES, days: 90, seed: 1 });
	await questionnaireAnalytics(db, questionnaireId, 'Asia/Shanghai');
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const started = performance.now();
		await questionnaireAnalytics(db, questionnaireId, 'Asia/Shanghai');
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	const median = times[Math.floor(RUNS / 2)]!;
	console.log(`${name.padEnd(10)} analytics page queries, ${RESPONSES} responses: median ${median.toFixed(0)} ms, p90 ${times[RUNS - 2]!.toFixed(0)} ms (${RUNS} runs)`);
	return median;
}

const pglite = createDb({ kind: 'pglite' });
const pgliteMedian = await measure('PGlite', pglite);
await pglite.destroy();

const serverUrl = process.env.BENCH_DATABASE_URL;
if (serverUrl) {
	const scratch = await scratchDatabase(serverUrl, `huifang_bench_${process.pid}`);
	const db = createDb({ kind: 'postgres', url: scratch.url });
	try {
		const pgMedian = await measure('PostgreSQL', db);
		console.log(`ratio PGlite / PostgreSQL: ${(pgliteMedian / pgMedian).toFixed(2)}`);
	} finally {
		await db.destroy();
		await scratch.drop();
	}
} else {
	console.log('(set BENCH_DATABASE_URL=postgres://… to compare with PostgreSQL)');
}
