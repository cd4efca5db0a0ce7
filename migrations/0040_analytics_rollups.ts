import { sql, type Kysely } from 'kysely';

// Counts of submitted responses and of their answers per day and slice, kept current
// as responses are submitted (src/lib/server/analytics/rollups.ts, queue in 0048), so the analytics
// page reads a few thousand rows instead of every answer. Slices without a value
// (web responses have no agent, open links no campaign or contact) use ''.
// `question_id = ''` rows count responses; other rows count answers by value
// ('yes'/'no', the number, a chosen option id, or '' for "answered" on choice and text questions).
// Every fact is kept in six cuboids: 0 without campaign, agent, tier and industry; 1–4 with
// one of them; 5 with all. A filter on one of those reads a small cuboid; the key starts
// with the cuboid and its slice so that one agent's or one tier's rows are a range.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('analytics_rollups')
		.addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('questionnaires.id').onDelete('cascade'))
		.addColumn('cuboid', 'smallint', (c) => c.notNull().check(sql`cuboid between 0 and 5`))
		.addColumn('day', 'date', (c) => c.notNull())
		.addColumn('version_id', 'uuid', (c) => c.notNull().references('questionnaire_versions.id').onDelete('cascade'))
		.addColumn('channel', 'text', (c) => c.notNull())
		.addColumn('campaign_key', 'text', (c) => c.notNull())
		.addColumn('agent_key', 'text', (c) => c.notNull())
		.addColumn('tier', 'text', (c) => c.notNull())
		.addColumn('industry', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('completed', 'partial')`))
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('cause', 'text', (c) => c.notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('n', 'bigint', (c) => c.notNull().check(sql`n >= 0`))
		.addPrimaryKeyConstraint('analytics_rollups_pk', [
			'questionnaire_id',
			'cuboid',
			'campaign_key',
			'agent_key',
			'tier',
			'industry',
			'day',
			'version_id',
			'channel',
			'status',
			'question_id',
			'value'
		])
		.execute();
	// The drill-down reads the "no" answers of one question without scanning all answers.
	await db.schema
		.createIndex('answers_no_by_question')
		.on('answers')
		.columns(['question_id', 'response_id'])
		.where(sql.ref('yes_no'), '=', false)
		.execute();
	// Responses submitted before this migration are queued for counting by 0048.
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('answers_no_by_question').execute();
	await db.schema.dropTable('analytics_rollups').execute();
}
