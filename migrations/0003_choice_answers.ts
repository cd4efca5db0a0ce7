import { sql, type Kysely } from 'kysely';

// A choice answer may carry the customer's own words for "other" beside the chosen ids.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table answers drop constraint answers_one_value`.execute(db);
	await sql`alter table answers add constraint answers_one_value check (
		num_nonnulls(yes_no, number, choices, text) = 1
		or (choices is not null and text is not null and yes_no is null and number is null)
	)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`delete from answers where choices is not null and text is not null`.execute(db);
	await sql`alter table answers drop constraint answers_one_value`.execute(db);
	await sql`alter table answers add constraint answers_one_value check (num_nonnulls(yes_no, number, choices, text) = 1)`.execute(db);
}
