import { sql, type Kysely } from 'kysely';

// Calling hours on the customer's clock: windows per weekday (several a day; a
// window whose end is not after its start runs past midnight), the installation's
// default (campaign_id null) or a campaign's own, and blackout dates.
const DEFAULT_WINDOWS: [number, string, string][] = [
	...[1, 2, 3, 4, 5].flatMap((d): [number, string, string][] => [
		[d, '09:00', '12:00'],
		[d, '13:30', '20:00']
	]),
	[6, '10:00', '17:00']
];

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('calling_windows')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('campaign_id', 'uuid', (c) => c.references('campaigns.id').onDelete('cascade'))
		.addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 0 and 6`))
		.addColumn('starts', 'time', (c) => c.notNull())
		.addColumn('ends', 'time', (c) => c.notNull())
		.addCheckConstraint('calling_windows_not_empty', sql`starts <> ends`)
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
