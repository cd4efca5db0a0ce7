import { sql, type Kysely } from 'kysely';

// The agents' call queue: campaign callbacks due by phone are claimed one at a time
// (SELECT … FOR UPDATE SKIP LOCKED), a call records which callback it belongs to, and
// the call's outcome moves the callback on: answered, refused, retried later, given up
// after too many attempts, or flagged as a wrong number.
const STATUSES = ['scheduled', 'responded', 'cancelled', 'calling', 'partial', 'refused', 'unreachable', 'invalid_number'];
const OLD_STATUSES = ['scheduled', 'responded', 'cancelled'];

const statusCheck = (statuses: string[]) => sql`status in (${sql.join(statuses.map((s) => sql.lit(s)))})`;

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table campaign_contacts drop constraint campaign_contacts_status_check`.execute(db);
	await db.schema
		.alterTable('campaign_contacts')
		.addCheckConstraint('campaign_contacts_status_check', statusCheck(STATUSES))
		.execute();
	await db.schema
		.alterTable('campaign_contacts')
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
		.addColumn('last_attempt_at', 'timestamptz')
		// Not before this moment (a time the customer asked to be called back at).
		.addColumn('call_after', 'timestamptz')
		// The day the customer was last reached in this campaign: the frequency cap counts from it.
		.addColumn('contacted_on', 'date')
		.execute();
	await db.schema.createIndex('campaign_contacts_by_status').on('campaign_contacts').columns(['status', 'campaign_id']).execute();

	await db.schema
		.alterTable('calls')
		.addColumn('campaign_contact_id', 'uuid', (c) => c.references('campaign_contacts.id').onDelete('set null'))
		.execute();
	await db.schema.createIndex('calls_by_campaign_contact').on('calls').column('campaign_contact_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('calls_by_campaign_contact').execute();
	await db.schema.alterTable('calls').dropColumn('campaign_contact_id').execute();
	await db.schema.dropIndex('campaign_contacts_by_status').execute();
	await db.schema
		.alterTable('campaign_contacts')
		.dropColumn('attempts')
		.dropColumn('last_attempt_at')
		.dropColumn('call_after')
		.dropColumn('contacted_on')
		.execute();
	// The older schema knows three states: a callback in a call goes back to the queue,
	// one answered in part counts as answered, and one that ended otherwise as cancelled.
	await sql`update campaign_contacts set status = case
		when status = 'calling' then 'scheduled'
		when status = 'partial' then 'responded'
		else 'cancelled' end
		where status not in ('scheduled', 'responded', 'cancelled')`.execute(db);
	await sql`alter table campaign_contacts drop constraint campaign_contacts_status_check`.execute(db);
	await db.schema
		.alterTable('campaign_contacts')
		.addCheckConstraint('campaign_contacts_status_check', statusCheck(OLD_STATUSES))
		.execute();
}
