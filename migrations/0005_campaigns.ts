import { sql, type Kysely } from 'kysely';

// Campaigns: a published version, a contact filter, a schedule, sampling and a channel;
// campaign_contacts are the callbacks they schedule (one per contact and campaign).
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('campaigns')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
		.addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('questionnaires.id').onDelete('cascade'))
		.addColumn('version_id', 'uuid', (c) => c.notNull().references('questionnaire_versions.id').onDelete('cascade'))
		.addColumn('filter_tiers', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
		.addColumn('filter_industry', 'text')
		.addColumn('event_from', 'date')
		.addColumn('event_to', 'date')
		.addColumn('delay_days', 'integer', (c) => c.notNull().check(sql`delay_days between 0 and 3650`))
		.addColumn('sample_percent', 'integer', (c) => c.notNull().check(sql`sample_percent between 1 and 100`))
		.addColumn('sample_seed', 'text', (c) => c.notNull())
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('link', 'phone', 'link_then_phone')`))
		.addColumn('phone_after_days', 'integer', (c) => c.notNull().defaultTo(3))
		.addColumn('link_valid_days', 'integer', (c) => c.notNull().defaultTo(14))
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('draft').check(sql`status in ('draft', 'running', 'paused', 'finished')`)
		)
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('launched_at', 'timestamptz')
		.addColumn('finished_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('campaign_contacts')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
		.addColumn('contact_id', 'uuid', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
		.addColumn('due_date', 'date', (c) => c.notNull())
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('link', 'phone')`))
		.addColumn('phone_due_date', 'date')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled', 'responded', 'cancelled')`)
		)
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('campaign_contacts_once', ['campaign_id', 'contact_id'])
		.execute();
	await db.schema.createIndex('campaign_contacts_by_contact').on('campaign_contacts').columns(['contact_id', 'due_date']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('campaign_contacts').execute();
	await db.schema.dropTable('campaigns').execute();
}
