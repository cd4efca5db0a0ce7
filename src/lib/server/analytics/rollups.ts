import { sql } from 'kysely';
import type { Db } from '../db';
import { timeZone as appTimeZone } from '../config';
import { rawSource, type RawScope } from './source';

const SLICE = sql`questionnaire_id, day, version_id, channel, campaign_key, agent_key, tier, industry, status, question_id, value`;

/** Adds the grouped raw facts of a scope to the rollups; rows in key order so concurrent upserts never deadlock. */
async function addFacts(db: Db, scope: RawScope, timeZone: string): Promise<void> {
	await sql`
		insert into analytics_rollups (${SLICE}, kind, cause, n)
		select ${SLICE}, kind, cause, sum(n) from (${rawSource(scope, timeZone)}) f
		group by ${SLICE}, kind, cause
		order by ${SLICE}
		on conflict (${SLICE}) do update set n = analytics_rollups.n + excluded.n`.execute(db);
}

/**
 * Counts a response that has just become completed or partial, in the caller's
 * transaction (after its answers are stored), so the analytics are current the
 * moment the submission commits. Call it once per response.
 */
export async function recordInRollups(trx: Db, responseId: string, timeZone = appTimeZone()): Promise<void> {
	await addFacts(trx, { responseId }, timeZone);
}

/**
 * Recomputes one questionnaire's rollups from its responses (backfill, a change of
 * APP_TIMEZONE, the bench seeder). The table lock makes submissions wait for the
 * rebuild instead of being counted twice or lost; reads go on.
 */
export async function rebuildRollups(db: Db, questionnaireId: string, timeZone = appTimeZone()): Promise<void> {
	await db.transaction().execute((trx) => rebuildRollupsIn(trx, questionnaireId, timeZone));
}

/** The rebuild in the caller's transaction (the migration's backfill runs in its own). */
export async function rebuildRollupsIn(trx: Db, questionnaireId: string, timeZone = appTimeZone()): Promise<void> {
	await sql`lock table analytics_rollups in exclusive mode`.execute(trx);
	await trx.deleteFrom('analytics_rollups').where('questionnaire_id', '=', questionnaireId).execute();
	await addFacts(trx, { questionnaireId }, timeZone);
}
