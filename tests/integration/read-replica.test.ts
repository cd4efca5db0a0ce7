import { sql } from 'kysely';
import { foldPendingRollups } from '$lib/server/analytics/rollups';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, createDb, getDb, readConfigFromEnv, readDb, type Db } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { analyticsNumbers, questionnaireAnalytics, ALL_SUBMITTED } from '$lib/server/analytics/service';
import { csvExport, exportCodebook } from '$lib/server/analytics/export';
import type { Filters } from '$lib/domain/analytics/filters';
import { analyticsSlices, EXPORT_LABELS, storeResponse, type Slices } from './analytics-data';

/**
 * Analytics and exports through DATABASE_READ_URL. The replica half needs a primary and
 * a streaming replica of it: `tsx tests/replica/run.ts` (called by .ci/run) starts both on
 * throwaway clusters and sets REPLICA_TEST_PRIMARY_URL and REPLICA_TEST_READ_URL.
 */
const primaryUrl = process.env.REPLICA_TEST_PRIMARY_URL;
const replicaUrl = process.env.REPLICA_TEST_READ_URL;
const TZ = 'Asia/Shanghai';
const BASE = new Date('2026-11-30T04:00:00Z');

describe('which database analytics read', () => {
	it('reads the replica only on PostgreSQL with DATABASE_READ_URL set', () => {
		expect(readConfigFromEnv({ DATABASE_URL: 'postgres://p/db', DATABASE_READ_URL: 'postgres://r/db' })).toEqual({ kind: 'postgres', url: 'postgres://r/db' });
		expect(readConfigFromEnv({ DATABASE_URL: 'postgres://p/db' })).toBeNull();
		// PGlite has no replica: the setting is ignored rather than half-used.
		expect(readConfigFromEnv({ DATABASE_READ_URL: 'postgres://r/db' })).toBeNull();
	});
});

describe.skipIf(!primaryUrl || !replicaUrl)('a streaming replica (REPLICA_TEST_PRIMARY_URL, REPLICA_TEST_READ_URL: tests/replica/run.ts)', () => {
	let primary: Db;
	let s: Slices;
	const saved = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_READ_URL: process.env.DATABASE_READ_URL };

	/** Waits until the replica has replayed everything the primary has written so far. */
	async function replayed(reader: Db): Promise<void> {
		const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary);
		const target = rows[0]!.lsn;
		for (let i = 0; i < 600; i++) {
			const { rows: caught } = await sql<{ ok: boolean }>`select coalesce(pg_last_wal_replay_lsn() >= ${target}::pg_lsn, false) as ok`.execute(reader);
			if (caught[0]!.ok) return;
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error(`the replica did not replay up to ${target}`);
	}

	beforeAll(async () => {
		process.env.DATABASE_URL = primaryUrl;
		process.env.DATABASE_READ_URL = replicaUrl;
		primary = createDb({ kind: 'postgres', url: primaryUrl! });
		await migrateToLatest(primary);
		s = await analyticsSlices(primary);
		for (let i = 0; i < 40; i++) {
			await storeResponse(primary, s, { day: i % 7, hour: i % 24, phone: i % 3 === 0, partial: i % 9 === 0, version: i % 2, campaign: (i % 3) - 1, agent: i % 2, contact: i % 3, keys: [i % 4 !== 0, true, i % 5 !== 0, true, true, true], rating: 1 + (i % 5), nps: i % 11, comment: `意见 ${i}` }, BASE);
		}
		// The primary counts queued submissions into the rollups (the app does it within a
		// second); the replica, which cannot write, serves the counts it has replayed.
		await foldPendingRollups(primary);
	}, 120_000);

	afterAll(async () => {
		await closeDb();
		await primary?.destroy();
		for (const [key, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
	});

	it('reads analytics from the replica once it has replayed the writes, the same numbers as the primary', async () => {
		const reader = readDb();
		expect(reader).not.toBe(getDb());
		const { rows } = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(reader);
		expect(rows[0]!.standby).toBe(true);

		await replayed(reader);
		const onReplica = await questionnaireAnalytics(reader, s.questionnaireId, TZ, ALL_SUBMITTED);
		expect(onReplica!.responses).toBeGreaterThan(0);
		expect(onReplica).toEqual(await questionnaireAnalytics(primary, s.questionnaireId, TZ, ALL_SUBMITTED));
		// The rollups the replica serves agree with the raw answers it holds.
		const all: Filters = { from: null, to: null, statuses: ['completed', 'partial'] };
		expect(await analyticsNumbers(reader, s.questionnaireId, TZ, all)).toEqual(await analyticsNumbers(reader, s.questionnaireId, TZ, all, true));
	});

	it('sees a response submitted on the primary after replay, and exports the same file', async () => {
		const reader = readDb();
		const before = (await questionnaireAnalytics(reader, s.questionnaireId, TZ, ALL_SUBMITTED))!.responses;
		await storeResponse(primary, s, { day: 1, hour: 9, phone: false, partial: false, version: 1, campaign: 0, agent: 0, contact: 0, keys: [true, true, true, true, true, true], rating: 5, nps: 10, comment: null }, BASE);
		await foldPendingRollups(primary);
		await replayed(reader);
		expect((await questionnaireAnalytics(reader, s.questionnaireId, TZ, ALL_SUBMITTED))!.responses).toBe(before + 1);

		const csv = async (db: Db) => {
			const columns = (await exportCodebook(db, s.questionnaireId, 'zh-CN', EXPORT_LABELS))!;
			return new Response(csvExport(db, s.questionnaireId, TZ, ALL_SUBMITTED, columns)).text();
		};
		const exported = await csv(reader);
		expect(exported.trimEnd().split('\r\n')).toHaveLength(1 + before + 1);
		expect(exported).toBe(await csv(primary));
	});

	it('refuses writes on the replica: anything that writes must use getDb()', async () => {
		await expect(sql`create table replica_write_probe (id int)`.execute(readDb())).rejects.toThrow(/read-only transaction/);
	});
});
