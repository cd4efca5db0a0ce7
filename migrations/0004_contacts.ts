import { sql, type Kysely } from 'kysely';

// Contacts (the customers called back) and CSV import jobs, whose progress any app process can read.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('contacts')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 200`))
		.addColumn('phone', 'text', (c) => c.unique().check(sql`phone ~ '^\\+[1-9][0-9]{6,14}$'`))
		.addColumn('email', 'text')
		.addColumn('external_id', 'text', (c) => c.unique())
		.addColumn('tier', 'text')
		.addColumn('industry', 'text')
		.addColumn('product', 'text')
		.addColumn('event_date', 'date')
		.addColumn('owner_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('do_not_contact', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('dnc_reason', 'text')
		.addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('contacts_attributes_object', sql`jsonb_typeof(attributes) = 'object'`)
		.execute();
	await db.schema.createIndex('contacts_by_tier').on('contacts').columns(['tier', 'name']).execute();
	await db.schema.createIndex('contacts_by_event').on('contacts').column('event_date').execute();

	await db.schema
		.createTable('contact_imports')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('encoding', 'text', (c) => c.notNull().check(sql`encoding in ('utf-8', 'gb18030')`))
		.addColumn('source', 'text')
		.addColumn('headers', 'jsonb', (c) => c.notNull())
		.addColumn('mapping', 'jsonb')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('mapping').check(sql`status in ('mapping', 'running', 'done', 'failed')`)
		)
		.addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('merged', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('report', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('finished_at', 'timestamptz')
		.addCheckConstraint('contact_imports_counts', sql`processed <= total and created + merged + rejected = processed`)
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('contact_imports').execute();
	await db.schema.dropTable('contacts').execute();
}
