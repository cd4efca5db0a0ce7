import { sql, type Kysely } from 'kysely';

// Open (non-personal) links resist ballot stuffing: a per-network hourly limit and one
// response per browser, set per questionnaire. Only a hash of the address is kept.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('questionnaires')
		.addColumn('link_hourly_limit_per_ip', 'integer', (c) => c.notNull().defaultTo(30).check(sql`link_hourly_limit_per_ip between 0 and 10000`))
		.addColumn('link_once_per_browser', 'boolean', (c) => c.notNull().defaultTo(true))
		.execute();
	await db.schema.alterTable('responses').addColumn('client_hash', 'text').execute();
	await db.schema
		.createIndex('responses_client_recent')
		.on('responses')
		.columns(['questionnaire_id', 'client_hash', 'submitted_at'])
		.where(sql.ref('client_hash'), 'is not', null)
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('responses_client_recent').execute();
	await db.schema.alterTable('responses').dropColumn('client_hash').execute();
	await db.schema.alterTable('questionnaires').dropColumn('link_hourly_limit_per_ip').dropColumn('link_once_per_browser').execute();
}
