import { sql, type Kysely } from 'kysely';

// Per-customer survey links (only the SHA-256 of the token is stored), and which
// contact and campaign a response came from.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('survey_links')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('campaign_contact_id', 'uuid', (c) => c.notNull().references('campaign_contacts.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('revoked_at', 'timestamptz')
		.addColumn('used_at', 'timestamptz')
		.addColumn('response_id', 'uuid', (c) => c.references('responses.id').onDelete('set null'))
		.execute();
	await db.schema.createIndex('survey_links_by_campaign_contact').on('survey_links').column('campaign_contact_id').execute();

	await db.schema
		.alterTable('responses')
		.addColumn('contact_id', 'uuid', (c) => c.references('contacts.id').onDelete('set null'))
		.addColumn('campaign_id', 'uuid', (c) => c.references('campaigns.id').onDelete('set null'))
		.execute();
	await db.schema.createIndex('responses_by_campaign').on('responses').column('campaign_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('responses_by_campaign').execute();
	await db.schema.alterTable('responses').dropColumn('contact_id').dropColumn('campaign_id').execute();
	await db.schema.dropTable('survey_links').execute();
}
