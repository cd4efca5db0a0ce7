import { sql, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/types';
import { latestVersion } from '../questionnaires/service';
import {
	DEFAULT_CAP_DAYS,
	EXCLUSIONS,
	TRANSITIONS,
	classify,
	type CampaignAction,
	type CampaignForm,
	type CampaignRule,
	type Exclusion
} from '../../domain/scheduling/campaign-rules';
import { addDays } from '../../domain/scheduling/dates';
import { CALLBACK_STATUSES, type CallbackStatus } from '../../domain/scheduling/call-queue';
import { duePhoneCall } from '../calls/queue';
import { hasOpenCase } from '../follow-ups/exclusion';

type Trx = Transaction<Database>;
type Conn = Db | Trx;
const CAP_KEY = 'contact_cap_days';

/** The frequency cap in days: no contact is called back twice within it, across all campaigns. */
export async function capDays(db: Conn): Promise<number> {
	const row = await db.selectFrom('app_settings').select('value').where('key', '=', CAP_KEY).executeTakeFirst();
	const n = Number(row?.value);
	return Number.isInteger(n) && n >= 0 ? n : DEFAULT_CAP_DAYS;
}

export async function setCapDays(db: Db, days: number): Promise<void> {
	await db
		.insertInto('app_settings')
		.values({ key: CAP_KEY, value: String(days) })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value: String(days) }))
		.execute();
}

/** Questionnaires a campaign can use: published and open. */
export function campaignQuestionnaires(db: Db) {
	return db
		.selectFrom('questionnaires as q')
		.select(['q.id', 'q.title'])
		.where('q.status', '=', 'open')
		.where((eb) => eb.exists(eb.selectFrom('questionnaire_versions as v').select('v.id').whereRef('v.questionnaire_id', '=', 'q.id')))
		.orderBy('q.title')
		.execute();
}

/** A new draft campaign on the questionnaire's latest published version; null when it has none or is not open. */
export async function createCampaign(db: Db, form: CampaignForm, userId: string): Promise<string | null> {
	const q = await db.selectFrom('questionnaires').select('status').where('id', '=', form.questionnaireId).executeTakeFirst();
	if (!q || q.status !== 'open') return null;
	const version = await latestVersion(db, form.questionnaireId);
	if (!version) return null;
	const row = await db
		.insertInto('campaigns')
		.values({
			name: form.name,
			questionnaire_id: form.questionnaireId,
			version_id: version.versionId,
			filter_tiers: form.tiers,
			filter_industry: form.industry,
			event_from: form.eventFrom,
			event_to: form.eventTo,
			delay_days: form.delayDays,
			sample_percent: form.samplePercent,
			sample_seed: form.sampleSeed,
			channel: form.channel,
			phone_after_days: form.phoneAfterDays,
			link_valid_days: form.linkValidDays,
			created_by: userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

const campaignColumns = [
	'c.id',
	'c.name',
	'c.questionnaire_id',
	'c.version_id',
	'c.filter_tiers',
	'c.filter_industry',
	'c.delay_days',
	'c.sample_percent',
	'c.sample_seed',
	'c.channel',
	'c.phone_after_days',
	'c.link_valid_days',
	'c.status',
	'c.created_at',
	'c.launched_at'
] as const;

export async function getCampaign(db: Conn, id: string) {
	const row = await db
		.selectFrom('campaigns as c')
		.innerJoin('questionnaires as q', 'q.id', 'c.questionnaire_id')
		.innerJoin('questionnaire_versions as v', 'v.id', 'c.version_id')
		.select(campaignColumns)
		.select(['q.title as questionnaire_title', 'v.number as version_number'])
		.select([sql<string | null>`c.event_from::text`.as('event_from'), sql<string | null>`c.event_to::text`.as('event_to')])
		.where('c.id', '=', id)
		.executeTakeFirst();
	return row ?? null;
}
export type Campaign = NonNullable<Awaited<ReturnType<typeof getCampaign>>>;

export function listCampaigns(db: Db) {
	return db
		.selectFrom('campaigns as c')
		.innerJoin('questionnaires as q', 'q.id', 'c.questionnaire_id')
		.select(['c.id', 'c.name', 'c.status', 'c.channel', 'q.title as questionnaire_title'])
		.select((eb) =>
			eb
				.selectFrom('campaign_contacts as cc')
				.whereRef('cc.campaign_id', '=', 'c.id')
				.select((e) => e.fn.countAll<string>().as('n'))
				.as('enrolled')
		)
		.orderBy('c.created_at', 'desc')
		.execute();
}

/** The campaign's contact filter (tiers, industry, event-date window) on a contacts query. */
function filtered<O>(query: SelectQueryBuilder<Database, 'contacts', O>, c: Campaign) {
	let q = query;
	if (c.filter_tiers.length > 0) q = q.where('contacts.tier', 'in', c.filter_tiers);
	if (c.filter_industry) q = q.where('contacts.industry', '=', c.filter_industry);
	if (c.event_from) q = q.where(sql<boolean>`contacts.event_date >= ${c.event_from}::date`);
	if (c.event_to) q = q.where(sql<boolean>`contacts.event_date <= ${c.event_to}::date`);
	return q;
}

const ruleOf = (c: Campaign): CampaignRule => ({
	delayDays: c.delay_days,
	samplePercent: c.sample_percent,
	sampleSeed: c.sample_seed,
	channel: c.channel
});

/**
 * Classifies every contact the filter matches. With `lock`, the contacts are
 * locked (in id order, so two launches cannot deadlock) before their other
 * callbacks are read: a concurrent launch waits, then sees what this one wrote.
 */
async function decide(db: Conn, c: Campaign, today: string, lock: boolean) {
	const base = filtered(db.selectFrom('contacts'), c);
	const candidates = await (lock ? base.forUpdate() : base)
		.select(['contacts.id', 'contacts.phone', 'contacts.do_not_contact', sql<string | null>`contacts.event_date::text`.as('event_date')])
		.select(hasOpenCase('contacts.id').as('open_case'))
		.orderBy('contacts.id')
		.execute();
	const callbacks = await filtered(db.selectFrom('contacts'), c)
		.innerJoin('campaign_contacts as cc', 'cc.contact_id', 'contacts.id')
		// The day the customer was reached when they were, else the day planned.
		.select(['cc.contact_id', 'cc.campaign_id', sql<string>`coalesce(cc.contacted_on, cc.due_date)::text`.as('due_date')])
		.where('cc.status', '!=', 'cancelled')
		.execute();
	const others = new Map<string, string[]>();
	const enrolled = new Set<string>();
	for (const cb of callbacks) {
		if (cb.campaign_id === c.id) enrolled.add(cb.contact_id);
		else others.set(cb.contact_id, [...(others.get(cb.contact_id) ?? []), cb.due_date]);
	}
	const cap = await capDays(db);
	const rule = ruleOf(c);
	return candidates.map((k) => ({
		id: k.id,
		result: classify(
			{ id: k.id, phone: k.phone, doNotContact: k.do_not_contact, eventDate: k.event_date, openCase: k.open_case },
			rule,
			{ today, capDays: cap, others: others.get(k.id) ?? [], enrolled: enrolled.has(k.id) }
		)
	}));
}

export interface Preview {
	matched: number;
	included: number;
	excluded: Record<Exclusion, number>;
}

/** Who launching now would include, and who is left out and why; writes nothing. */
export async function previewCampaign(db: Db, c: Campaign, today: string): Promise<Preview> {
	const decisions = await decide(db, c, today, false);
	const excluded = Object.fromEntries(EXCLUSIONS.map((e) => [e, 0])) as Record<Exclusion, number>;
	let included = 0;
	for (const d of decisions) {
		if (d.result.included) included++;
		else excluded[d.result.reason]++;
	}
	return { matched: decisions.length, included, excluded };
}

/** Inserts the callbacks of every contact now due, inside the caller's transaction. */
async function enrollIn(trx: Trx, c: Campaign, today: string): Promise<number> {
	const decisions = await decide(trx, c, today, true);
	const rows = decisions.flatMap((d) =>
		d.result.included
			? [
					{
						campaign_id: c.id,
						contact_id: d.id,
						due_date: d.result.due,
						channel: c.channel === 'phone' ? ('phone' as const) : ('link' as const),
						phone_due_date: c.channel === 'link_then_phone' ? addDays(d.result.due, c.phone_after_days) : null
					}
				]
			: []
	);
	for (let i = 0; i < rows.length; i += 1000) {
		await trx
			.insertInto('campaign_contacts')
			.values(rows.slice(i, i + 1000))
			.onConflict((oc) => oc.columns(['campaign_id', 'contact_id']).doNothing())
			.execute();
	}
	return rows.length;
}

/**
 * Adds the contacts that became due to a running campaign (on launch, resume and
 * whenever its page is opened). The campaign row is locked, so a pause that
 * commits first stops it, and one enrolment runs at a time per campaign.
 */
export async function enrollDue(db: Db, id: string, today: string): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const locked = await trx.selectFrom('campaigns').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
		if (locked?.status !== 'running') return 0;
		const c = await getCampaign(trx, id);
		return c ? enrollIn(trx, c, today) : 0;
	});
}

/**
 * draft → running (launch) ⇄ paused → finished. Launch and resume enrol the due
 * contacts in the same transaction as the state change. Returns false when the
 * action does not apply to the campaign's current state.
 */
export async function changeStatus(db: Db, id: string, action: CampaignAction, today: string): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const row = await trx.selectFrom('campaigns').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
		const next = row ? TRANSITIONS[row.status][action] : undefined;
		if (!next) return false;
		await trx
			.updateTable('campaigns')
			.set({
				status: next,
				...(action === 'launch' ? { launched_at: new Date() } : {}),
				...(action === 'finish' ? { finished_at: new Date() } : {})
			})
			.where('id', '=', id)
			.execute();
		if (next === 'running') {
			const c = await getCampaign(trx, id);
			if (c) await enrollIn(trx, c, today);
		}
		return true;
	});
}

/** Callbacks of one campaign by status, for its page. */
export async function campaignCounts(db: Db, id: string) {
	const rows = await db
		.selectFrom('campaign_contacts')
		.select(['status', (eb) => eb.fn.countAll<string>().as('n')])
		.where('campaign_id', '=', id)
		.groupBy('status')
		.execute();
	const counts = Object.fromEntries(CALLBACK_STATUSES.map((s) => [s, 0])) as Record<CallbackStatus, number>;
	for (const r of rows) counts[r.status] = Number(r.n);
	return counts;
}

/** Every callback to one contact, across campaigns, newest first. */
export function contactCallbacks(db: Db, contactId: string) {
	return db
		.selectFrom('campaign_contacts as cc')
		.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
		.select(['cc.id', 'c.id as campaign_id', 'c.name as campaign_name', 'cc.channel', 'cc.status', sql<string>`cc.due_date::text`.as('due_date')])
		.select((eb) =>
			eb
				.exists(
					eb
						.selectFrom('survey_links as l')
						.select('l.id')
						.whereRef('l.campaign_contact_id', '=', 'cc.id')
						.where('l.used_at', 'is', null)
						.where('l.revoked_at', 'is', null)
						.where('l.expires_at', '>', new Date())
				)
				.as('live_link')
		)
		.where('cc.contact_id', '=', contactId)
		.orderBy('cc.due_date', 'desc')
		.execute();
}

/**
 * Callbacks to make by phone now: phone-channel ones that are due, and link ones
 * whose link went unanswered past the campaign's "then phone after N days".
 */
export async function phoneDueCount(db: Db, id: string, today: string, now = new Date()): Promise<number> {
	const row = await db
		.selectFrom('campaign_contacts as cc')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('cc.campaign_id', '=', id)
		.where(duePhoneCall(today, now))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
