import { sql } from 'kysely';
import type { Db } from '../db';
import { timeZone as appTimeZone } from '../config';
import { rawSource, type RawScope } from './source';

const SLICE = sql`questionnaire_id, cuboid, campaign_key, agent_key, tier, industry, day, version_id, channel, status, question_id, value`;

/** A slice column kept in the cuboids that list it, '' in the others. */
const kept = (column: string, cuboid: number) => sql`case when c.cuboid in (${sql.lit(cuboid)}, 5) then f.${sql.ref(column)} else '' end`;

/**
 * Adds the grouped raw facts of a scope to every cuboid of the rollups; rows go in
 * key order so that concurrent upserts lock them in one order and never deadlock.
 */
async function addFacts(db: Db, scope: RawScope, timeZone: string): Promise<void> {
	await sql`
		insert into analytics_rollups (${SLICE}, kind, cause, n)
		select ${SLICE}, kind, cause, sum(n) from (
			select f.questionnaire_id, c.cuboid, ${kept('campaign_key', 1)} as campaign_key, ${kept('agent_key', 2)} as agent_key,
				${kept('tier', 3)} as tier, ${kept('industry', 4)} as industry, f.day, f.version_id, f.channel, f.status,
				f.question_id, f.value, f.kind, f.cause, f.n
			from (${rawSource(scope, timeZone)}) f cross join (values (0), (1), (2), (3), (4), (5)) c(cuboid)
		) cubed
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
