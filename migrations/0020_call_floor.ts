import { sql, type Kysely } from 'kysely';

// The call floor: dispositions as data (seeded with a satisfaction-callback set; the
// seven earlier outcomes keep their keys, so every call keeps its meaning), a retry
// policy per campaign, appointments, the last activity of a call (stale claims),
// contact notes, and one phone response per campaign and contact.
// The seed as it stood when this migration landed (src/lib/domain/calls/dispositions.ts keeps the same set).
const COLUMNS = ['key', 'label_zh', 'label_en', 'aapor_group', 'aapor_code', 'final', 'contacted', 'counts_attempt', 'sets_dnc', 'note_required', 'retry_minutes', 'effect', 'system', 'sort'] as const;
const SEED: (string | number | boolean | null)[][] = [
	['completed', '完成', 'Completed', 'I', '1.1', true, true, true, false, false, null, 'complete', false, 10],
	['partial', '部分完成 / 中断', 'Partial / break-off', 'P', '1.2', true, true, true, false, false, null, 'partial', false, 20],
	['refused_soft', '婉拒（7 天后再拨）', 'Soft refusal (retry in 7 days)', 'R', '2.111', false, true, true, false, false, 10080, 'none', false, 30],
	['refused', '坚决拒访（不再联系）', 'Hard refusal (do not contact)', 'R', '2.112', true, true, true, true, false, null, 'none', false, 40],
	['no_answer', '无人接听', 'No answer', 'UH', '3.13', false, false, true, false, false, 180, 'none', false, 50],
	['busy', '占线', 'Busy', 'UH', '3.12', false, false, true, false, false, 15, 'none', false, 60],
	['voicemail_left', '语音信箱，已留言', 'Voicemail, message left', 'NC', '2.221', false, false, true, false, false, 1440, 'voicemail', false, 70],
	['voicemail_not_left', '语音信箱，未留言', 'Voicemail, no message', 'NC', '2.222', false, false, true, false, false, 180, 'none', false, 80],
	['wrong_person', '非本人（号码属他人）', 'Wrong person', 'UO', '3.90', true, false, true, false, false, null, 'invalid_number', false, 90],
	['wrong_number', '空号 / 错号', 'Invalid number', 'NE', '4.31', true, false, true, false, false, null, 'invalid_number', false, 100],
	['fax_line', '传真或数据线', 'Fax or data line', 'NE', '4.20', true, false, true, false, false, null, 'invalid_number', false, 110],
	['language_barrier', '语言障碍', 'Language barrier', 'O', '2.33', true, true, true, false, false, null, 'none', false, 120],
	['deceased_unable', '已故或无法应答', 'Deceased or unable', 'O', '2.31', true, true, true, true, false, null, 'none', false, 130],
	['call_back_later', '预约回拨', 'Call back later (appointment)', 'NC', '2.21', false, true, false, false, false, null, 'appointment', false, 140],
	['supervisor_review', '转主管复核', 'Supervisor review', 'O', '2.90', false, true, true, false, true, 1440, 'none', false, 150],
	['abandoned', '超时释放（系统）', 'Abandoned (released by the system)', 'UH', '3.90', false, false, false, false, false, 0, 'none', true, 900],
];
const OLD_OUTCOMES = ['completed', 'partial', 'refused', 'no_answer', 'busy', 'wrong_number', 'call_back_later'];

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('dispositions')
		.addColumn('key', 'text', (c) => c.primaryKey().check(sql`key ~ '^[a-z][a-z0-9_]{1,39}$'`))
		.addColumn('label_zh', 'text', (c) => c.notNull())
		.addColumn('label_en', 'text', (c) => c.notNull())
		.addColumn('aapor_group', 'text', (c) => c.notNull().check(sql`aapor_group in ('I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE')`))
		.addColumn('aapor_code', 'text', (c) => c.notNull())
		.addColumn('final', 'boolean', (c) => c.notNull())
		.addColumn('contacted', 'boolean', (c) => c.notNull())
		.addColumn('counts_attempt', 'boolean', (c) => c.notNull())
		.addColumn('sets_dnc', 'boolean', (c) => c.notNull())
		.addColumn('note_required', 'boolean', (c) => c.notNull())
		.addColumn('retry_minutes', 'integer', (c) => c.check(sql`retry_minutes >= 0`))
		.addColumn('effect', 'text', (c) =>
			c.notNull().check(sql`effect in ('none', 'complete', 'partial', 'appointment', 'voicemail', 'invalid_number')`)
		)
		.addColumn('system', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db
		.insertInto('dispositions' as never)
		.values(
			SEED.map((row) => Object.fromEntries(COLUMNS.map((c, i) => [c, row[i]]))) as never
		)
		.execute();

	// Every attempt keeps its disposition: the outcome now names a disposition row.
	await sql`alter table calls drop constraint if exists calls_outcome_check`.execute(db);
	await db.schema
		.alterTable('calls')
		.addForeignKeyConstraint('calls_outcome_disposition', ['outcome'], 'dispositions', ['key'])
		.onUpdate('cascade')
		.execute();
	await db.schema
		.alterTable('calls')
		.addColumn('last_activity_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('released_at', 'timestamptz')
		.execute();
	await sql`update calls set last_activity_at = coalesce(ended_at, started_at)`.execute(db);
	await db.schema.createIndex('calls_open_by_activity').on('calls').column('last_activity_at').where(sql.ref('step'), '!=', 'ended').execute();
	await db.schema.createIndex('calls_by_ended').on('calls').columns(['ended_at']).execute();

	await db.schema
		.alterTable('campaigns')
		.addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3).check(sql`max_attempts between 1 and 50`))
		.addColumn('max_deferrals', 'integer', (c) => c.notNull().defaultTo(3).check(sql`max_deferrals between 0 and 20`))
		.addColumn('daily_attempt_cap', 'integer', (c) => c.notNull().defaultTo(2).check(sql`daily_attempt_cap between 1 and 20`))
		.addColumn('voicemail_cap', 'integer', (c) => c.notNull().defaultTo(1).check(sql`voicemail_cap between 0 and 20`))
		.addColumn('rotate_dayparts', 'boolean', (c) => c.notNull().defaultTo(true))
		.execute();

	await db.schema
		.alterTable('campaign_contacts')
		.addColumn('deferrals', 'integer', (c) => c.notNull().defaultTo(0).check(sql`deferrals >= 0`))
		.addColumn('voicemails', 'integer', (c) => c.notNull().defaultTo(0).check(sql`voicemails >= 0`))
		.addColumn('final_disposition', 'text', (c) => c.references('dispositions.key').onUpdate('cascade'))
		.execute();
	// Final callbacks from before get the disposition of their last call.
	await sql`update campaign_contacts cc set final_disposition = (
			select outcome from calls where calls.campaign_contact_id = cc.id and outcome is not null order by ended_at desc nulls last limit 1)
		where cc.status in ('responded', 'partial', 'refused', 'unreachable', 'invalid_number')`.execute(db);

	await db.schema
		.createTable('appointments')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('campaign_contact_id', 'uuid', (c) => c.notNull().references('campaign_contacts.id').onDelete('cascade'))
		.addColumn('starts_at', 'timestamptz', (c) => c.notNull())
		.addColumn('ends_at', 'timestamptz', (c) => c.notNull())
		.addColumn('time_zone', 'text', (c) => c.notNull())
		// "With me only": only this agent may take it until the window ends.
		.addColumn('agent_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('booked_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('booked_in_call', 'uuid', (c) => c.references('calls.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		// The call that took it up, or why it no longer stands.
		.addColumn('kept_in_call', 'uuid', (c) => c.references('calls.id').onDelete('set null'))
		.addColumn('cancelled_at', 'timestamptz')
		.addCheckConstraint('appointments_window', sql`ends_at > starts_at`)
		.execute();
	// At most one open appointment per callback.
	await sql`create unique index appointments_one_open on appointments (campaign_contact_id)
		where kept_in_call is null and cancelled_at is null`.execute(db);
	await db.schema.createIndex('appointments_by_start').on('appointments').columns(['starts_at']).execute();

	await db.schema
		.createTable('contact_notes')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('contact_id', 'uuid', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
		.addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('text', 'text', (c) => c.notNull().check(sql`char_length(text) between 1 and 500`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('contact_notes_by_contact').on('contact_notes').columns(['contact_id', 'created_at']).execute();
	await db.schema.createIndex('calls_by_customer_phone').on('calls').column('customer_phone').execute();

	// One phone response per campaign and contact. Earlier calls that started a second
	// response are merged into the oldest one first (answers it lacks move over).
	const merge = sql`with ranked as (
			select r.id, first_value(r.id) over (partition by r.campaign_id, r.contact_id
				order by (r.status = 'completed') desc, r.started_at, r.id) as keep
			from responses r
			where r.channel = 'phone' and r.campaign_id is not null and r.contact_id is not null),
		response_merge as (select id as dup, keep from ranked where id <> keep)`;
	await sql`${merge} insert into answers (response_id, question_id, yes_no, number, choices, text, answered_at)
		select m.keep, a.question_id, a.yes_no, a.number, a.choices, a.text, a.answered_at
		from answers a join response_merge m on m.dup = a.response_id
		on conflict (response_id, question_id) do nothing`.execute(db);
	await sql`${merge} update calls set response_id = m.keep from response_merge m where calls.response_id = m.dup`.execute(db);
	await sql`${merge} delete from responses where id in (select dup from response_merge)`.execute(db);
	await sql`create unique index responses_one_phone_per_campaign_contact on responses (campaign_id, contact_id)
		where channel = 'phone' and campaign_id is not null and contact_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop index responses_one_phone_per_campaign_contact`.execute(db);
	await db.schema.dropIndex('calls_by_customer_phone').execute();
	await db.schema.dropTable('contact_notes').execute();
	await db.schema.dropTable('appointments').execute();
	await db.schema.alterTable('campaign_contacts').dropColumn('deferrals').dropColumn('voicemails').dropColumn('final_disposition').execute();
	await db.schema
		.alterTable('campaigns')
		.dropColumn('max_attempts')
		.dropColumn('max_deferrals')
		.dropColumn('daily_attempt_cap')
		.dropColumn('voicemail_cap')
		.dropColumn('rotate_dayparts')
		.execute();
	await db.schema.dropIndex('calls_by_ended').execute();
	await db.schema.dropIndex('calls_open_by_activity').execute();
	await db.schema.alterTable('calls').dropColumn('last_activity_at').dropColumn('released_at').execute();
	await db.schema.alterTable('calls').dropConstraint('calls_outcome_disposition').execute();
	// The older schema knows seven outcomes: the new dispositions fold into their nearest one.
	await sql`update calls set outcome = case
		when outcome in ('refused_soft') then 'refused'
		when outcome in ('voicemail_left', 'voicemail_not_left', 'abandoned') then 'no_answer'
		when outcome in ('wrong_person', 'fax_line') then 'wrong_number'
		when outcome in ('language_barrier', 'deceased_unable', 'supervisor_review') then 'refused'
		else outcome end
		where outcome is not null and outcome not in (${sql.join(OLD_OUTCOMES.map((o) => sql.lit(o)))})`.execute(db);
	await sql`alter table calls add constraint calls_outcome_check check (outcome in (${sql.join(OLD_OUTCOMES.map((o) => sql.lit(o)))}))`.execute(db);
	await db.schema.dropTable('dispositions').execute();
}
