import { sql, type Kysely } from 'kysely';

// Link delivery by e-mail or SMS: how each campaign sends its links, one row per
// message sent (invitation or reminder) with its status, and when a link was
// first opened (the funnel's "opened").
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('campaigns')
		.addColumn('link_delivery', 'text', (c) => c.notNull().defaultTo('export').check(sql`link_delivery in ('export', 'email', 'sms')`))
		.addColumn('message_locale', 'text', (c) => c.notNull().defaultTo('zh-CN').check(sql`message_locale in ('zh-CN', 'en')`))
		.addColumn('reminder_after_days', 'integer', (c) => c.check(sql`reminder_after_days between 1 and 60`))
		.execute();

	await db.schema.alterTable('survey_links').addColumn('opened_at', 'timestamptz').execute();

	await db.schema
		.createTable('link_messages')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
		.addColumn('campaign_contact_id', 'uuid', (c) => c.notNull().references('campaign_contacts.id').onDelete('cascade'))
		.addColumn('survey_link_id', 'uuid', (c) => c.references('survey_links.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invitation', 'reminder')`))
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('queued').check(sql`status in ('queued', 'sending', 'sent', 'failed', 'delivered')`)
		)
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
		// A sender claims a message until this moment; a sender that died is replaced after it.
		.addColumn('claimed_until', 'timestamptz')
		.addColumn('error', 'text')
		.addColumn('provider_id', 'text')
		.addColumn('queued_at', 'timestamptz', (c) => c.notNull())
		.addColumn('sent_at', 'timestamptz')
		.addColumn('delivered_at', 'timestamptz')
		.addColumn('failed_at', 'timestamptz')
		.addUniqueConstraint('link_messages_once', ['campaign_contact_id', 'kind'])
		.execute();
	await db.schema.createIndex('link_messages_due').on('link_messages').columns(['status', 'next_attempt_at']).execute();
	await db.schema.createIndex('link_messages_by_campaign').on('link_messages').columns(['campaign_id', 'kind']).execute();
	await db.schema.createIndex('link_messages_by_provider_id').on('link_messages').column('provider_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('link_messages').execute();
	await db.schema.alterTable('survey_links').dropColumn('opened_at').execute();
	await db.schema.alterTable('campaigns').dropColumn('link_delivery').dropColumn('message_locale').dropColumn('reminder_after_days').execute();
}
