import { sql, type Kysely } from 'kysely';

// Follow-up cases ("close the loop"): every "no" opens a case with one item per "no",
// routed by churn cause to a team, with deadlines, a timeline, a verification callback
// by a second agent, and a supervisor's daily sign-off.
const STATES = ['open', 'in_progress', 'resolved', 'informed', 'verified', 'wont_fix'];
const CAUSES = ['service', 'quality', 'price', 'supply', 'other'];
const lit = (column: string, values: string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('follow_up_teams')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('lead_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createTable('follow_up_team_members')
		.addColumn('team_id', 'uuid', (c) => c.notNull().references('follow_up_teams.id').onDelete('cascade'))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
		// Round-robin hands the next case to the member who got one longest ago.
		.addColumn('last_assigned_at', 'timestamptz')
		.addPrimaryKeyConstraint('follow_up_team_members_pk', ['team_id', 'user_id'])
		.execute();
	await db.schema
		.createTable('follow_up_routes')
		.addColumn('cause', 'text', (c) => c.primaryKey().check(lit('cause', CAUSES)))
		.addColumn('team_id', 'uuid', (c) => c.notNull().references('follow_up_teams.id').onDelete('cascade'))
		.addColumn('assignment', 'text', (c) => c.notNull().defaultTo('round_robin').check(sql`assignment in ('round_robin', 'lead')`))
		.addColumn('first_action_hours', 'integer', (c) => c.notNull().defaultTo(24).check(sql`first_action_hours between 1 and 720`))
		.addColumn('resolve_hours', 'integer', (c) => c.notNull().defaultTo(72).check(sql`resolve_hours between 1 and 2160`))
		.execute();
	await db.schema
		.createTable('follow_up_questionnaire_settings')
		.addColumn('questionnaire_id', 'uuid', (c) => c.primaryKey().references('questionnaires.id').onDelete('cascade'))
		.addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('rating_at_most', 'integer', (c) => c.check(sql`rating_at_most between 1 and 5`))
		.addColumn('nps_detractors', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();

	await db.schema
		.createTable('follow_ups')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		// One case per response: a retried submission cannot open a second one.
		.addColumn('response_id', 'uuid', (c) => c.notNull().unique().references('responses.id').onDelete('cascade'))
		.addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('questionnaires.id').onDelete('cascade'))
		.addColumn('contact_id', 'uuid', (c) => c.references('contacts.id').onDelete('set null'))
		.addColumn('campaign_id', 'uuid', (c) => c.references('campaigns.id').onDelete('set null'))
		.addColumn('first_agent_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('cause', 'text', (c) => c.notNull().check(lit('cause', CAUSES)))
		.addColumn('tier', 'text')
		.addColumn('team_id', 'uuid', (c) => c.references('follow_up_teams.id').onDelete('set null'))
		.addColumn('owner_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('state', 'text', (c) => c.notNull().defaultTo('open').check(lit('state', STATES)))
		.addColumn('opened_at', 'timestamptz', (c) => c.notNull())
		.addColumn('first_action_due', 'timestamptz', (c) => c.notNull())
		.addColumn('resolve_due', 'timestamptz', (c) => c.notNull())
		.addColumn('first_action_at', 'timestamptz')
		.addColumn('resolved_at', 'timestamptz')
		.addColumn('informed_at', 'timestamptz')
		.addColumn('closed_at', 'timestamptz')
		.addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
		// 0 none, 1 first action overdue, 2 resolution overdue: each level is announced once.
		.addColumn('escalation', 'integer', (c) => c.notNull().defaultTo(0).check(sql`escalation between 0 and 2`))
		.execute();
	await db.schema.createIndex('follow_ups_by_state_due').on('follow_ups').columns(['state', 'resolve_due']).execute();
	await db.schema.createIndex('follow_ups_by_contact').on('follow_ups').columns(['contact_id', 'state']).execute();
	await db.schema.createIndex('follow_ups_by_team').on('follow_ups').columns(['team_id', 'state']).execute();

	await db.schema
		.createTable('follow_up_items')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('follow_up_id', 'uuid', (c) => c.notNull().references('follow_ups.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('key', 'rating', 'nps')`))
		.addColumn('cause', 'text', (c) => c.notNull().check(lit('cause', CAUSES)))
		.addColumn('question_text', 'jsonb', (c) => c.notNull())
		.addColumn('prepared_response', 'jsonb')
		.addColumn('answer_number', 'integer')
		.addColumn('why_text', 'text')
		.addColumn('note', 'text')
		.addUniqueConstraint('follow_up_items_once', ['follow_up_id', 'question_id'])
		.execute();

	await db.schema
		.createTable('follow_up_events')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('follow_up_id', 'uuid', (c) => c.notNull().references('follow_ups.id').onDelete('cascade'))
		.addColumn('at', 'timestamptz', (c) => c.notNull())
		.addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('body', 'text')
		.addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
	await db.schema.createIndex('follow_up_events_by_case').on('follow_up_events').columns(['follow_up_id', 'at']).execute();
	await db.schema.createIndex('follow_up_events_by_time').on('follow_up_events').columns(['at', 'kind']).execute();

	// A note the agent adds on a "no" during a call, before the case exists; it lands on the item.
	await db.schema
		.createTable('follow_up_call_notes')
		.addColumn('response_id', 'uuid', (c) => c.notNull().references('responses.id').onDelete('cascade'))
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('follow_up_call_notes_pk', ['response_id', 'question_id'])
		.execute();

	await db.schema
		.createTable('follow_up_verifications')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('follow_up_id', 'uuid', (c) => c.notNull().references('follow_ups.id').onDelete('cascade'))
		.addColumn('due_at', 'timestamptz', (c) => c.notNull())
		.addColumn('claimed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('claimed_at', 'timestamptz')
		.addColumn('completed_at', 'timestamptz')
		.addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('verified', 'reopened', 'cancelled')`))
		.addColumn('answers', 'jsonb')
		.addColumn('words', 'text')
		.execute();
	// At most one pending verification per case.
	await sql`create unique index follow_up_verifications_pending on follow_up_verifications (follow_up_id) where completed_at is null`.execute(db);
	await db.schema.createIndex('follow_up_verifications_by_due').on('follow_up_verifications').columns(['completed_at', 'due_at']).execute();

	await db.schema
		.createTable('follow_up_signoffs')
		.addColumn('day', 'date', (c) => c.primaryKey())
		.addColumn('signed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('signed_at', 'timestamptz', (c) => c.notNull())
		.addColumn('comment', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'follow_up_signoffs',
		'follow_up_verifications',
		'follow_up_call_notes',
		'follow_up_events',
		'follow_up_items',
		'follow_ups',
		'follow_up_questionnaire_settings',
		'follow_up_routes',
		'follow_up_team_members',
		'follow_up_teams'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
