import { sql } from 'kysely';

const OPEN = sql.raw(`('open', 'in_progress', 'resolved', 'informed')`);

/**
 * A contact with a case that is neither verified nor closed is held out of routine
 * callbacks: nobody calls them about satisfaction while their problem is still open.
 * `column` names the contact id in the caller's query.
 */
export function hasOpenCase(column: 'k.id' | 'contacts.id') {
	return sql<boolean>`exists (select 1 from follow_ups f where f.contact_id = ${sql.ref(column)} and f.state in ${OPEN})`;
}

export function withoutOpenCase(column: 'k.id' | 'contacts.id') {
	return sql<boolean>`not ${hasOpenCase(column)}`;
}
