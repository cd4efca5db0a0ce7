import type { Kysely } from 'kysely';

// The customer's IANA time zone (calling hours, quiet hours for SMS, appointments).
// Null means the app's default, APP_TIMEZONE.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('contacts').addColumn('time_zone', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('contacts').dropColumn('time_zone').execute();
}
