import { sql, type Kysely } from 'kysely';

// Archived questionnaires leave the list and their link, but keep every version and response.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table questionnaires drop constraint questionnaires_status_check`.execute(db);
	await sql`alter table questionnaires add constraint questionnaires_status_check
		check (status in ('draft', 'open', 'closed', 'archived'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`update questionnaires set status = 'closed' where status = 'archived'`.execute(db);
	await sql`alter table questionnaires drop constraint questionnaires_status_check`.execute(db);
	await sql`alter table questionnaires add constraint questionnaires_status_check
		check (status in ('draft', 'open', 'closed'))`.execute(db);
}
