import { sql, type Kysely } from 'kysely';

// The REST API: tokens (only their SHA-256 kept), a per-token request count per minute
// (in the database, so several app processes share it), stored POST responses for
// Idempotency-Key, service events pushed by a CRM and call events from a softphone/CTI.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table api_tokens (
			id uuid primary key default gen_random_uuid(),
			name text not null check (length(name) between 1 and 100),
			token_hash text not null unique,
			prefix text not null,
			scopes text[] not null,
			rate_limit_per_minute integer not null default 600 check (rate_limit_per_minute between 1 and 100000),
			created_by uuid references users(id) on delete set null,
			created_at timestamptz not null default now(),
			last_used_at timestamptz,
			revoked_at timestamptz
		)`.execute(db);
	await sql`
		create table api_rate_counters (
			token_id uuid not null references api_tokens(id) on delete cascade,
			window_start timestamptz not null,
			count integer not null,
			primary key (token_id, window_start)
		)`.execute(db);
	await sql`
		create table api_idempotency_keys (
			token_id uuid not null references api_tokens(id) on delete cascade,
			key text not null,
			request_hash text not null,
			status integer,
			body text,
			created_at timestamptz not null default now(),
			primary key (token_id, key)
		)`.execute(db);
	await sql`
		create table service_events (
			id uuid primary key default gen_random_uuid(),
			contact_id uuid not null references contacts(id) on delete cascade,
			occurred_on date not null,
			kind text,
			created_at timestamptz not null default now()
		)`.execute(db);
	await sql`create index service_events_contact on service_events (contact_id, occurred_on)`.execute(db);
	await sql`
		create table call_events (
			id uuid primary key default gen_random_uuid(),
			call_id uuid not null references calls(id) on delete cascade,
			kind text not null check (kind in ('ringing', 'answered', 'hung_up')),
			occurred_at timestamptz not null,
			external_ref text,
			created_at timestamptz not null default now(),
			unique (call_id, kind)
		)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table call_events`.execute(db);
	await sql`drop table service_events`.execute(db);
	await sql`drop table api_idempotency_keys`.execute(db);
	await sql`drop table api_rate_counters`.execute(db);
	await sql`drop table api_tokens`.execute(db);
}
