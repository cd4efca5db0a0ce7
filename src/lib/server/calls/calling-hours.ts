import { sql } from 'kysely';
import type { Db } from '../db';
import type { Conn } from './conn';
import type { CallingHours, CallingWindow } from '../../domain/scheduling/calling-hours';

/** `local` is the customer's wall clock (a timestamp without zone) for the aliases cc, c, k. */
const localNow = (now: Date, appTimeZone: string) => sql`(${now}::timestamptz at time zone coalesce(k.time_zone, ${appTimeZone}))`;

const blackout = (day: ReturnType<typeof sql>) =>
	sql`exists (select 1 from calling_blackouts b where b.day = ${day} and (b.campaign_id is null or b.campaign_id = c.id))`;

/** Whose windows a campaign (alias c) follows: its own, or the default ones. */
const windowsOf = sql`(case when c.own_calling_hours then w.campaign_id = c.id else w.campaign_id is null end)`;

/**
 * The contact (alias k) is inside a calling window of the campaign (alias c) on
 * their own clock, and not on a blackout date. A window that runs past midnight
 * counts for the day it opened.
 */
export function withinCallingHours(now: Date, appTimeZone: string) {
	const local = localNow(now, appTimeZone);
	return sql<boolean>`exists (select 1 from calling_windows w where ${windowsOf} and (
		(w.weekday = extract(dow from ${local})::int and ${local}::time >= w.starts
			and (w.ends <= w.starts or ${local}::time < w.ends) and not ${blackout(sql`${local}::date`)})
		or (w.ends <= w.starts and w.weekday = (extract(dow from ${local})::int + 6) % 7
			and ${local}::time < w.ends and not ${blackout(sql`(${local}::date - 1)`)})))`;
}

/** Today is a blackout date on the contact's calendar. */
export function blackoutToday(now: Date, appTimeZone: string) {
	return blackout(sql`${localNow(now, appTimeZone)}::date`);
}

const hm = (t: string) => t.slice(0, 5);

/** The hours a campaign follows (its own or the default), with the blackouts that apply to it. */
export async function hoursFor(db: Conn, campaignId: string | null): Promise<CallingHours> {
	const own = campaignId
		? ((await db.selectFrom('campaigns').select('own_calling_hours').where('id', '=', campaignId).executeTakeFirst())?.own_calling_hours ?? false)
		: false;
	let windows = db.selectFrom('calling_windows').select(['weekday', sql<string>`starts::text`.as('starts'), sql<string>`ends::text`.as('ends')]);
	windows = own ? windows.where('campaign_id', '=', campaignId) : windows.where('campaign_id', 'is', null);
	const [rows, blackouts] = await Promise.all([
		windows.orderBy('weekday').orderBy('starts').execute(),
		db
			.selectFrom('calling_blackouts')
			.select(sql<string>`day::text`.as('day'))
			.where((eb) => (campaignId ? eb.or([eb('campaign_id', 'is', null), eb('campaign_id', '=', campaignId)]) : eb('campaign_id', 'is', null)))
			.orderBy('day')
			.execute()
	]);
	return {
		windows: rows.map((r) => ({ weekday: r.weekday, from: hm(r.starts), to: hm(r.ends) })),
		blackouts: [...new Set(blackouts.map((b) => b.day))]
	};
}

/**
 * Replaces the default hours (campaignId null) or a campaign's own; `windows`
 * null puts the campaign back on the default. Blackouts are replaced likewise.
 */
export async function saveHours(db: Db, campaignId: string | null, windows: CallingWindow[] | null, blackouts: string[]): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const delWindows = trx.deleteFrom('calling_windows');
		await (campaignId ? delWindows.where('campaign_id', '=', campaignId) : delWindows.where('campaign_id', 'is', null)).execute();
		const delBlackouts = trx.deleteFrom('calling_blackouts');
		await (campaignId ? delBlackouts.where('campaign_id', '=', campaignId) : delBlackouts.where('campaign_id', 'is', null)).execute();
		if (windows?.length) {
			await trx
				.insertInto('calling_windows')
				.values(windows.map((w) => ({ campaign_id: campaignId, weekday: w.weekday, starts: w.from, ends: w.to })))
				.execute();
		}
		if (blackouts.length) {
			await trx
				.insertInto('calling_blackouts')
				.values([...new Set(blackouts)].map((day) => ({ campaign_id: campaignId, day })))
				.execute();
		}
		if (campaignId) {
			await trx.updateTable('campaigns').set({ own_calling_hours: windows !== null }).where('id', '=', campaignId).execute();
		}
	});
}
