import { sql, type Kysely } from 'kysely';

// Signed webhooks through an outbox: an event is written in the transaction that causes
// it, with one delivery row per matching subscription; a periodic job delivers them.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table webhook_subscriptions (
			id uuid primary key default gen_random_uuid(),
			url text not null check (length(url) <= 2000),
			events text[] not null check (cardinality(events) > 0),
			secret text not null,
			created_by uuid references users(id) on delete set null,
			created_at timestamptz not null default now(),
			disabled_at timestamptz
		)`.execute(db);
	await sql`
		create table webhook_events (
			id uuid primary key default gen_random_uuid(),
			type text not null,
			payload jsonb not null,
			created_at timestamptz not null default now()
		)`.execute(db);
	await sql`
		create table webhook_deliveries (
			id uuid primary key default gen_random_uuid(),
			subscription_id uuid not null references webhook_subscriptions(id) on delete cascade,
			event_id uuid not null references webhook_events(id) on delete cascade,
			state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
			attempts integer not null default 0,
			first_attempt_at timestamptz not null,
			next_attempt_at timestamptz not null,
			lease_until timestamptz,
			last_status integer,
			last_error text,
			delivered_at timestamptz,
			created_at timestamptz not null default now()
		)`.execute(db);
	await sql`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where state = 'pending'`.execute(db);
	await sql`create index webhook_deliveries_recent on webhook_deliveries (created_at desc)`.execute(db);
	await sql`
		create table webhook_attempts (
			id uuid primary key default gen_random_uuid(),
			delivery_id uuid not null references webhook_deliveries(id) on delete cascade,
			attempted_at timestamptz not null,
			status integer,
			error text
		)`.execute(db);
	await sql`create index webhook_attempts_delivery on webhook_attempts (delivery_id, attempted_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table webhook_attempts`.execute(db);
	await sql`drop table webhook_deliveries`.execute(db);
	await sql`drop table webhook_events`.execute(db);
	await sql`drop table webhook_subscriptions`.execute(db);
}
