import { sql, type Kysely } from 'kysely';

// Issue 9: login attempts reserved before the hash check (replacing login_failures),
// session idle time and device, account lifecycle columns, and an append-only audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('login_failures').execute();
	await db.schema
		.createTable('login_attempts')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('account', 'text', (c) => c.notNull())
		.addColumn('ip', 'text', (c) => c.notNull())
		.addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
		// true until the password is found correct: a reserved attempt counts as a failure.
		.addColumn('failed', 'boolean', (c) => c.notNull().defaultTo(true))
		.execute();
	await db.schema.createIndex('login_attempts_pair').on('login_attempts').columns(['account', 'ip', 'attempted_at']).execute();
	await db.schema.createIndex('login_attempts_ip').on('login_attempts').columns(['ip', 'attempted_at']).execute();

	await db.schema
		.alterTable('users')
		.addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('last_sign_in_at', 'timestamptz')
		.execute();
	await db.schema
		.alterTable('sessions')
		.addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('user_agent', 'text')
		.execute();
	await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		// No foreign key: the log must outlive what it names, and a cascade would be an UPDATE.
		.addColumn('actor_id', 'uuid')
		.addColumn('actor_name', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text')
		.addColumn('target_id', 'text')
		.addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
	await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
	await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
	await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at']).execute();
	// Append-only in the database itself, whatever the application does.
	await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
		begin raise exception 'audit_log is append-only'; end $$`.execute(db);
	await sql`create trigger audit_log_no_update_delete before update or delete on audit_log
		for each row execute function audit_log_append_only()`.execute(db);
	await sql`create trigger audit_log_no_truncate before truncate on audit_log
		for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('audit_log').execute();
	await sql`drop function audit_log_append_only()`.execute(db);
	await db.schema.dropIndex('sessions_expiry').execute();
	await db.schema.alterTable('sessions').dropColumn('last_seen_at').dropColumn('user_agent').execute();
	await db.schema.alterTable('users').dropColumn('must_change_password').dropColumn('last_sign_in_at').execute();
	await db.schema.dropTable('login_attempts').execute();
	await db.schema
		.createTable('login_failures')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('account', 'ip')`))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('failed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('login_failures_lookup').on('login_failures').columns(['scope', 'key', 'failed_at']).execute();
}
