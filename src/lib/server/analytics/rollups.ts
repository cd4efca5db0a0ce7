import { sql } from 'kysely';
import type { Db } from '../db';
import { timeZone as appTimeZone } from '../config';
import { rawScoreSource, rawSource, SCORE_SUMS, type RawScope } from './source';

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
 * Counts a response that has just become completed or partial, in the caller's
 * transaction (after its answers are stored), so the analytics are current the
 * moment the submission commits. Call it once per response.
 */
export async function recordInRollups(trx: Db, responseId: string, timeZone = appTimeZone()): Promise<void> {
	await addFacts(trx, { responseId }, timeZone);
	await addScores(trx, { responseId }, timeZone);
}

/**
 * Recomputes one questionnaire's rollups (answer counts and score sums) from its
 * responses (a change of APP_TIMEZONE, the seeders). The table locks make submissions
 * wait for the rebuild instead of being counted twice or lost; reads go on.
 */
export async function rebuildRollups(db: Db, questionnaireId: string, timeZone = appTimeZone()): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await rebuildRollupsIn(trx, questionnaireId, timeZone);
		await sql`lock table analytics_score_rollups in exclusive mode`.execute(trx);
		await trx.deleteFrom('analytics_score_rollups').where('questionnaire_id', '=', questionnaireId).execute();
		await addScores(trx, { questionnaireId }, timeZone);
	});
}

/**
 * The answer-count rebuild in the caller's transaction. Migration 0040's backfill calls
 * it before the score rollups exist (0041), so it must touch `analytics_rollups` only.
 */
export async function rebuildRollupsIn(trx: Db, questionnaireId: string, timeZone = appTimeZone()): Promise<void> {
	await sql`lock table analytics_rollups in exclusive mode`.execute(trx);
	await trx.deleteFrom('analytics_rollups').where('questionnaire_id', '=', questionnaireId).execute();
	await addFacts(trx, { questionnaireId }, timeZone);
}
