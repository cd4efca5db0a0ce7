import { sql, type Kysely } from 'kysely';

// Migrations see the database as untyped: they describe the schema at their own point in time.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('app_settings')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('users')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('admin', 'analyst', 'supervisor', 'agent')`)
		)
		.addColumn('agent_code', 'text', (c) => c.unique())
		.addColumn('locale', 'text', (c) =>
			c.notNull().defaultTo('zh-CN').check(sql`locale in ('zh-CN', 'en')`)
		)
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('disabled_at', 'timestamptz')
		.addCheckConstraint('users_username_lower', sql`username = lower(username)`)
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('login_failures')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('account', 'ip')`))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('failed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('login_failures_lookup')
		.on('login_failures')
		.columns(['scope', 'key', 'failed_at'])
		.execute();

	await db.schema
		.createTable('questionnaires')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
		.addColumn('industry', 'text', (c) => c.notNull())
		.addColumn('template_id', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('draft').check(sql`status in ('draft', 'open', 'closed')`)
		)
		.addColumn('draft', 'jsonb', (c) => c.notNull())
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('questionnaire_versions')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('questionnaire_id', 'uuid', (c) =>
			c.notNull().references('questionnaires.id').onDelete('cascade')
		)
		.addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
		.addColumn('definition', 'jsonb', (c) => c.notNull())
		.addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('published_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addUniqueConstraint('questionnaire_versions_number', ['questionnaire_id', 'number'])
		.execute();

	await db.schema
		.createTable('responses')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('questionnaire_id', 'uuid', (c) =>
			c.notNull().references('questionnaires.id').onDelete('cascade')
		)
		.addColumn('version_id', 'uuid', (c) =>
			c.notNull().references('questionnaire_versions.id').onDelete('cascade')
		)
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web', 'phone')`))
		.addColumn('submission_id', 'uuid', (c) => c.notNull())
		.addColumn('agent_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('in_progress', 'completed', 'partial')`)
		)
		.addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('submitted_at', 'timestamptz')
		.addUniqueConstraint('responses_one_per_submission', ['version_id', 'submission_id'])
		.addCheckConstraint(
			'responses_submitted_when_done',
			sql`(status = 'in_progress') = (submitted_at is null)`
		)
		.execute();
	await db.schema
		.createIndex('responses_by_questionnaire_day')
		.on('responses')
		.columns(['questionnaire_id', 'submitted_at'])
		.execute();

	await db.schema
		.createTable('answers')
		.addColumn('response_id', 'uuid', (c) =>
			c.notNull().references('responses.id').onDelete('cascade')
		)
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('yes_no', 'boolean')
		.addColumn('number', 'integer')
		.addColumn('choices', sql`text[]`)
		.addColumn('text', 'text')
		.addColumn('answered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('answers_pk', ['response_id', 'question_id'])
		.addCheckConstraint('answers_one_value', sql`num_nonnulls(yes_no, number, choices, text) = 1`)
		.execute();

	await db.schema
		.createTable('calls')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('questionnaire_id', 'uuid', (c) =>
			c.notNull().references('questionnaires.id').onDelete('cascade')
		)
		.addColumn('version_id', 'uuid', (c) =>
			c.notNull().references('questionnaire_versions.id').onDelete('cascade')
		)
		.addColumn('agent_id', 'uuid', (c) => c.notNull().references('users.id'))
		.addColumn('customer_name', 'text', (c) => c.notNull())
		.addColumn('customer_phone', 'text', (c) => c.notNull())
		.addColumn('step', 'text', (c) =>
			c.notNull().defaultTo('opening').check(sql`step in ('opening', 'questions', 'recap', 'ended')`)
		)
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0).check(sql`position >= 0`))
		.addColumn('outcome', 'text', (c) =>
			c.check(
				sql`outcome in ('completed', 'partial', 'refused', 'no_answer', 'busy', 'wrong_number', 'call_back_later')`
			)
		)
		.addColumn('note', 'text')
		.addColumn('response_id', 'uuid', (c) => c.references('responses.id').onDelete('set null'))
		.addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('ended_at', 'timestamptz')
		.addCheckConstraint('calls_outcome_when_ended', sql`(step = 'ended') = (outcome is not null)`)
		.execute();
	await db.schema.createIndex('calls_by_agent').on('calls').columns(['agent_id', 'started_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'calls',
		'answers',
		'responses',
		'questionnaire_versions',
		'questionnaires',
		'login_failures',
		'sessions',
		'users',
		'app_settings'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
