import { sql } from 'kysely';
import type { Db } from '../db';
import { timeZone as appTimeZone } from '../config';
import { rawScoreSource, rawSource, SCORE_SUMS, type RawScope } from './source';
import { log } from '../log';

const SLICE = sql`questionnaire_id, cuboid, campaign_key, agent_key, tier, industry, day, version_id, channel, status, question_id, value`;
const SCORE_SLICE = sql`questionnaire_id, cuboid, campaign_key, agent_key, tier, industry, day, version_id, channel, status`;

/** A slice column kept in the cuboids that list it, '' in the others. */
const kept = (column: string, cuboid: number) => sql`case when c.cuboid in (${sql.lit(cuboid)}, 5) then f.${sql.ref(column)} else '' end`;

/** The slice of a raw row in each of the six cuboids (see migration 0040). */
const cubedSlice = sql`f.questionnaire_id, c.cuboid, ${kept('campaign_key', 1)} as campaign_key, ${kept('agent_key', 2)} as agent_key,
	${kept('tier', 3)} as tier, ${kept('industry', 4)} as industry, f.day, f.version_id, f.channel, f.status`;
const CUBOIDS = sql`(values (0), (1), (2), (3), (4), (5)) c(cuboid)`;
/** The full slice of a raw row: a rebuild sums rows per slice first, then copies the sums into the cuboids (six times fewer rows to sort). */
const RAW_SLICE = sql`questionnaire_id, day, version_id, channel, campaign_key, agent_key, tier, industry, status`;

/**
 * Adds the grouped raw facts of a scope to every cuboid of the rollups; rows go in
 * key order so that concurrent upserts lock them in one order and never deadlock.
 */
async function addFacts(db: Db, scope: RawScope, timeZone: string): Promise<void> {
	await sql`
		insert into analytics_rollups (${SLICE}, kind, cause, n)
		select ${SLICE}, kind, cause, sum(n) from (
			select ${cubedSlice}, f.question_id, f.value, f.kind, f.cause, f.n
			from (
				select ${RAW_SLICE}, question_id, value, kind, cause, sum(n) as n from (${rawSource(scope, timeZone)}) r
				group by ${RAW_SLICE}, question_id, value, kind, cause
			) f cross join ${CUBOIDS}
		) cubed
		group by ${SLICE}, kind, cause
		order by ${SLICE}
		on conflict (${SLICE}) do update set n = analytics_rollups.n + excluded.n`.execute(db);
}

/** Adds the per-response score sums of a scope to every cuboid of the score rollups, in key order as above. */
async function addScores(db: Db, scope: RawScope, timeZone: string): Promise<void> {
	const sums = sql.join(SCORE_SUMS.map((c) => sql.ref(c)));
	const sumsOf = sql.join(SCORE_SUMS.map((c) => sql`sum(${sql.ref(c)}) as ${sql.ref(c)}`));
	await sql`
		insert into analytics_score_rollups (${SCORE_SLICE}, ${sums})
		select ${SCORE_SLICE}, ${sumsOf} from (
			select ${cubedSlice}, ${sql.join(SCORE_SUMS.map((c) => sql.ref(`f.${c}`)))}
			from (
				select ${RAW_SLICE}, ${sumsOf} from (${rawScoreSource(scope, timeZone)}) r group by ${RAW_SLICE}
			) f cross join ${CUBOIDS}
		) cubed
		group by ${SCORE_SLICE}
		order by ${SCORE_SLICE}
		on conflict (${SCORE_SLICE}) do update set
			${sql.join(SCORE_SUMS.map((c) => sql`${sql.ref(c)} = analytics_score_rollups.${sql.ref(c)} + excluded.${sql.ref(c)}`))}`.execute(db);
}

/**
 * Queues a response that has just become completed or partial for the rollups, in the
 * caller's transaction (after its answers are stored). Only an insert of its own row:
 * adding to the shared rollup rows here would make concurrent submissions wait for each
 * other's commit. `foldPendingRollups` counts the queue; readers fold before they read,
 * so the analytics are current the moment a submission commits. Call it once per response.
 */
export async function recordInRollups(trx: Db, responseId: string): Promise<void> {
	await trx.insertInto('analytics_rollup_pending').values({ response_id: responseId }).onConflict((oc) => oc.doNothing()).execute();
}

/** One lock for every fold, so that no two processes count the same queued response. */
const FOLD_LOCK = sql`hashtext('huifang.analytics_rollup_pending')`;
const FOLD_BATCH = 2000;

/**
 * Counts the queued responses into the rollups, a batch per transaction, and returns
 * how many it counted. `wait: false` (the background fold) leaves the work to a fold
 * already running; readers wait for it, then fold what is left.
 */
export async function foldPendingRollups(db: Db, { wait = true, timeZone = appTimeZone() } = {}): Promise<number> {
	let total = 0;
	for (;;) {
		const folded = await db.transaction().execute(async (trx) => {
			if (wait) await sql`select pg_advisory_xact_lock(${FOLD_LOCK})`.execute(trx);
			else if (!(await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${FOLD_LOCK}) as ok`.execute(trx)).rows[0]?.ok) return 0;
			const { rows } = await sql<{ response_id: string }>`
				delete from analytics_rollup_pending
				where response_id in (select response_id from analytics_rollup_pending order by queued_at, response_id limit ${FOLD_BATCH})
				returning response_id`.execute(trx);
			if (rows.length > 0) {
				const scope = { responseIds: rows.map((r) => r.response_id) };
				await addFacts(trx, scope, timeZone);
				await addScores(trx, scope, timeZone);
			}
			return rows.length;
		});
		total += folded;
		if (folded < FOLD_BATCH) return total;
	}
}

/**
 * Folds if anything is queued: the cheap check readers make before each read. A read
 * replica cannot write: it serves what it has replayed of the primary's folds (the
 * primary folds within a second of each submission).
 */
export async function rollupsCurrent(db: Db): Promise<void> {
	const { rows } = await sql<{ queued: boolean; replica: boolean }>`
		select exists (select 1 from analytics_rollup_pending) as queued, pg_is_in_recovery() as replica`.execute(db);
	if (rows[0]?.queued && !rows[0].replica) await foldPendingRollups(db);
}

const foldTimers = new WeakMap<Db, ReturnType<typeof setTimeout>>();

/**
 * Folds in the background shortly after a submission committed, one timer per database
 * per process; the periodic job catches whatever a stopped process left queued.
 */
export function foldSoon(db: Db): void {
	if (foldTimers.has(db)) return;
	const timer = setTimeout(() => {
		foldTimers.delete(db);
		foldPendingRollups(db, { wait: false }).catch((e: unknown) => {
			// A database closed meanwhile means the app is stopping; the periodic job folds later.
			if (!String(e).includes('has already been destroyed')) log('warn', 'rollups.fold_failed', { error: String(e) });
		});
	}, 250);
	timer.unref();
	foldTimers.set(db, timer);
}

/** Recomputes one questionnaire's rollups (answer counts and score sums) from its responses (a change of APP_TIMEZONE, the seeders). */
export async function rebuildRollups(db: Db, questionnaireId: string, timeZone = appTimeZone()): Promise<void> {
	// One snapshot for the whole rebuild: a response committed meanwhile is either read here
	// and unqueued, or neither, and then folded later; never counted twice or lost.
	await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
		// The fold's lock first, then the table's: the order a fold takes them in.
		await sql`select pg_advisory_xact_lock(${FOLD_LOCK})`.execute(trx);
		await sql`lock table analytics_rollups, analytics_score_rollups in exclusive mode`.execute(trx);
		await trx.deleteFrom('analytics_rollups').where('questionnaire_id', '=', questionnaireId).execute();
		await trx.deleteFrom('analytics_score_rollups').where('questionnaire_id', '=', questionnaireId).execute();
		// The rebuild reads every response, queued ones too.
		await sql`delete from analytics_rollup_pending p using responses r where r.id = p.response_id and r.questionnaire_id = ${questionnaireId}::uuid`.execute(trx);
		await addFacts(trx, { questionnaireId }, timeZone);
		await addScores(trx, { questionnaireId }, timeZone);
	});
}
