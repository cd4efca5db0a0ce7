import { sql, type Kysely } from 'kysely';

// When a case last changed (its latest timeline entry), so the REST API can list cases
// "updated since" a moment and page through them by (updated_at, id) on an index.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table follow_ups add column updated_at timestamptz not null default now()`.execute(db);
	await sql`
		update follow_ups f
		set updated_at = coalesce((select max(e.at) from follow_up_events e where e.follow_up_id = f.id), f.opened_at)`.execute(db);
	await sql`create index follow_ups_updated on follow_ups (updated_at, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop index follow_ups_updated`.execute(db);
	await sql`alter table follow_ups drop column updated_at`.execute(db);
}
