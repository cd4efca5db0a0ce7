/**
 * `npm run bench` (first part): the analytics page's server time (median of 7 runs of
 * the service the page calls) at 10,000, 100,000 and 1,000,000 responses on
 * PostgreSQL (BENCH_DATABASE_URL; a scratch database is created and dropped) and at
 * 100,000 on PGlite, unfiltered and with each standard filter, then the growth
 * 100k → 1M. The contact-attribute filter reads raw answers and is reported apart.
 * BENCH_ANALYTICS_SIZES=10000,100000 limits the sizes.
 */
import { scratchDatabase } from '../scratch-database';
import { createDb, type Db } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { questionnaireAnalytics } from '../../src/lib/server/analytics/service';
import { parseFilters } from '../../src/lib/domain/analytics/filters';
import { todayIn } from '../../src/lib/domain/scheduling/dates';
import { addResponses, benchSlices, type BenchData } from './analytics-seed';

const TZ = 'Asia/Shanghai';
const RUNS = 7;
const NOW = new Date();
const TODAY = todayIn(TZ, NOW);
const SIZES = (process.env.BENCH_ANALYTICS_SIZES ?? '10000,100000,1000000').split(',').map(Number);

function cases(d: BenchData): [string, string][] {
	return [
		['unfiltered', ''],
		['last 30 days', 'range=30d'],
		['phone', 'channel=phone'],
		['campaign', `campaign=${d.campaigns[1]}`],
		['version', `version=${d.versions[1]}`],
		['tier A', 'tier=A'],
		['industry', 'industry=fleet'],
		['agent', `agent=${d.agents[3]}`],
		['30 days + phone + tier', 'range=30d&channel=phone&tier=B'],
		['partials too', 'status=all'],
		['contact attribute (raw)', 'attr=store&attrValue=门店3']
	];
}

async function median(db: Db, d: BenchData, query: string): Promise<number> {
	const parsed = parseFilters(new URLSearchParams(query), TODAY);
	if (!parsed.ok) throw new Error(`bad bench filter ${query}`);
	await questionnaireAnalytics(db, d.questionnaireId, TZ, parsed.filters);
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const started = performance.now();
		await questionnaireAnalytics(db, d.questionnaireId, TZ, parsed.filters);
		times.push(performance.now() - started);
	}
	return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

async function run(name: string, db: Db, sizes: number[]): Promise<Map<number, Map<string, number>>> {
	await migrateToLatest(db);
	const d = await benchSlices(db);
	const results = new Map<number, Map<string, number>>();
	let have = 0;
	for (const size of sizes) {
		const seeding = performance.now();
		await addResponses(db, d, size - have, NOW);
		have = size;
		console.log(`${name}: ${size.toLocaleString('en')} responses seeded and rolled up in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);
		const row = new Map<string, number>();
		for (const [label, query] of cases(d)) {
			row.set(label, await median(db, d, query));
			console.log(`  ${label.padEnd(26)} median ${row.get(label)!.toFixed(0).padStart(6)} ms`);
		}
		results.set(size, row);
	}
	return results;
}

function growth(results: Map<number, Map<string, number>>, from: number, to: number) {
	const a = results.get(from);
	const b = results.get(to);
	if (!a || !b) return;
	console.log(`growth ${from.toLocaleString('en')} → ${to.toLocaleString('en')} responses:`);
	for (const [label, ms] of b) console.log(`  ${label.padEnd(26)} ×${(ms / a.get(label)!).toFixed(2)}`);
}

const serverUrl = process.env.BENCH_DATABASE_URL;
if (serverUrl) {
	const scratch = await scratchDatabase(serverUrl, `huifang_bench_${process.pid}`);
	const db = createDb({ kind: 'postgres', url: scratch.url });
	try {
		const results = await run('PostgreSQL', db, SIZES);
		growth(results, 100_000, 1_000_000);
		growth(results, 10_000, 100_000);
	} finally {
		await db.destroy();
		await scratch.drop();
	}
} else {
	console.log('(set BENCH_DATABASE_URL=postgres://… for the 10k/100k/1M figures on PostgreSQL)');
}

if (!process.env.BENCH_SKIP_PGLITE) {
	const pglite = createDb({ kind: 'pglite' });
	await run('PGlite', pglite, SIZES.filter((s) => s <= 100_000).slice(-1));
	await pglite.destroy();
}
