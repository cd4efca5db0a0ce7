import { sql, type Kysely } from 'kysely';

// Calling hours on the customer's clock: windows per weekday (several a day; a
// window whose end is not after its start runs past midnight, one that ends where
// it starts lasts 24 hours), the installation's default (campaign_id null) or a
// campaign's own, and blackout dates. A new installation may call at any hour
// until an administrator sets its hours: nothing is held back that was not before.
const DEFAULT_WINDOWS: [number, string, string][] = [0, 1, 2, 3, 4, 5, 6].map((d) => [d, '00:00', '00:00']);

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('calling_windows')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('campaign_id', 'uuid', (c) => c.references('campaigns.id').onDelete('cascade'))
		.addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 0 and 6`))
		.addColumn('starts', 'time', (c) => c.notNull())
		.addColumn('ends', 'time', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('calling_windows_by_campaign').on('calling_windows').columns(['campaign_id', 'weekday']).execute();
	await db
		.insertInto('calling_windows' as never)
		.values(DEFAULT_WINDOWS.map(([weekday, starts, ends]) => ({ weekday, starts, ends })) as never)
		.execute();
	await db.schema
		.createTable('calling_blackouts')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('campaign_id', 'uuid', (c) => c.references('campaigns.id').onDelete('cascade'))
		.addColumn('day', 'date', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('calling_blackouts_by_day').on('calling_blackouts').columns(['day', 'campaign_id']).execute();
	await db.schema
		.alterTable('campaigns')
		.addColumn('own_calling_hours', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('campaigns').dropColumn('own_calling_hours').execute();
	await db.schema.dropTable('calling_blackouts').execute();
	await db.schema.dropTable('calling_windows').execute();
}
