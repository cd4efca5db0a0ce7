import { sql, type Kysely } from 'kysely';

// Responses waiting to be counted in analytics_rollups. The submit transaction only
// appends here: adding to the shared rollup rows there made every concurrent submission
// wait for the one before it to commit (same day, questionnaire and channel rows).
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('analytics_rollup_pending')
		.addColumn('response_id', 'uuid', (c) => c.primaryKey().references('responses.id').onDelete('cascade'))
		.addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	// Backfill: responses of questionnaires that have no rollups yet (submitted before
	// rollups existed) wait here to be counted; rollups kept since 0040 are left alone.
	// Their score sums (0041 may have backfilled them) are counted again by the fold.
	await sql`
		delete from analytics_score_rollups s
		where not exists (select 1 from analytics_rollups a where a.questionnaire_id = s.questionnaire_id)`.execute(db);
	await sql`
		insert into analytics_rollup_pending (response_id)
		select r.id from responses r
		where r.status <> 'in_progress'
			and not exists (select 1 from analytics_rollups a where a.questionnaire_id = r.questionnaire_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('analytics_rollup_pending').execute();
}
