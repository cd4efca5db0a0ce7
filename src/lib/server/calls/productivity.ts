import { sql } from 'kysely';
import type { Db } from '../db';
import type { Bucket } from '../../domain/calls/productivity';
import { addDays, zonedInstant } from '../../domain/scheduling/dates';

/**
 * Calls ended by agents (released ones aside) from `from` to `to` (calendar days in
 * `timeZone`), summed per agent, day and hour; for one campaign or all, one agent or all.
 */
export async function productivityBuckets(
	db: Db,
	f: { campaignId: string | null; from: string; to: string; agentId: string | null; timeZone: string }
): Promise<Bucket[]> {
	const start = zonedInstant(f.from, '00:00', f.timeZone);
	const end = zonedInstant(addDays(f.to, 1), '00:00', f.timeZone);
	const local = sql`(calls.started_at at time zone ${f.timeZone})`;
	let q = db
		.selectFrom('calls')
		.innerJoin('dispositions as d', 'd.key', 'calls.outcome')
		.leftJoin('campaign_contacts as cc', 'cc.id', 'calls.campaign_contact_id')
		.select([
			'calls.agent_id',
			sql<string>`to_char(${local}, 'YYYY-MM-DD')`.as('day'),
			sql<number>`extract(hour from ${local})::int`.as('hour'),
			sql<string>`count(*)`.as('calls'),
			sql<string>`count(*) filter (where d.contacted)`.as('contacts'),
			sql<string>`count(*) filter (where d.effect = 'complete')`.as('completes'),
			sql<string>`count(*) filter (where d.aapor_group = 'R')`.as('refusals'),
			sql<string>`coalesce(sum(extract(epoch from calls.ended_at - calls.started_at)), 0)`.as('handle'),
			sql<Date>`min(calls.started_at)`.as('first_start'),
			sql<Date>`max(calls.ended_at)`.as('last_end')
		])
		.where('calls.step', '=', 'ended')
		.where('calls.released_at', 'is', null)
		.where('calls.started_at', '>=', start)
		.where('calls.started_at', '<', end)
		.groupBy(['calls.agent_id', sql`2`, sql`3`]);
	if (f.campaignId) q = q.where('cc.campaign_id', '=', f.campaignId);
	if (f.agentId) q = q.where('calls.agent_id', '=', f.agentId);
	const rows = await q.execute();
	return rows.map((r) => ({
		agentId: r.agent_id,
		day: r.day,
		hour: Number(r.hour),
		calls: Number(r.calls),
		contacts: Number(r.contacts),
		completes: Number(r.completes),
		refusals: Number(r.refusals),
		handleSeconds: Number(r.handle),
		firstStart: new Date(r.first_start).getTime(),
		lastEnd: new Date(r.last_end).getTime()
	}));
}

/** Names and codes of the agents in a report. */
export async function agentNames(db: Db, ids: string[]): Promise<Map<string, { name: string; code: string | null }>> {
	if (ids.length === 0) return new Map();
	const rows = await db.selectFrom('users').select(['id', 'display_name', 'agent_code']).where('id', 'in', ids).execute();
	return new Map(rows.map((r) => [r.id, { name: r.display_name, code: r.agent_code }]));
}
