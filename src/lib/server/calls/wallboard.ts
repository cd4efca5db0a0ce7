import { sql } from 'kysely';
import type { Db } from '../db';
import { versionById } from '../questionnaires/service';
import { storedAnswers } from '../responses/service';
import { progressAt } from '../../domain/calls/script';
import { todayIn, zonedInstant } from '../../domain/scheduling/dates';
import { duePhoneCall, type Clock } from './queue';
import { withinCallingHours } from './calling-hours';
import type { AgentRow, CampaignRow, Wallboard } from '../../domain/calls/wallboard';

export type { Wallboard };

/** An open call idle this long shows as stale on the wallboard (the release comes at the stale-claim setting). */
export const STALE_WARN_MINUTES = 10;

/** What a supervisor walking the floor needs, as of `clock.now`. */
export async function wallboard(db: Db, clock: Clock): Promise<Wallboard> {
	const dayStart = zonedInstant(todayIn(clock.timeZone, clock.now), '00:00', clock.timeZone);
	const [agents, open, today, lastEnded, campaigns] = await Promise.all([
		db
			.selectFrom('users')
			.select(['id', 'display_name', 'agent_code'])
			.where('disabled_at', 'is', null)
			.where((eb) => eb.or([eb('role', '=', 'agent'), eb.exists(eb.selectFrom('calls').select('calls.id').whereRef('calls.agent_id', '=', 'users.id').where('calls.started_at', '>=', dayStart))]))
			.orderBy('agent_code')
			.orderBy('display_name')
			.execute(),
		db
			.selectFrom('calls')
			.leftJoin('campaign_contacts as cc', 'cc.id', 'calls.campaign_contact_id')
			.leftJoin('campaigns as c', 'c.id', 'cc.campaign_id')
			.select(['calls.id', 'calls.agent_id', 'calls.step', 'calls.position', 'calls.version_id', 'calls.response_id', 'calls.customer_name', 'calls.last_activity_at', 'c.name as campaign'])
			.where('calls.step', '!=', 'ended')
			.orderBy('calls.started_at', 'desc')
			.execute(),
		db
			.selectFrom('calls')
			.leftJoin('dispositions as d', 'd.key', 'calls.outcome')
			.select(['calls.agent_id', sql<string>`count(*)`.as('calls'), sql<string>`count(*) filter (where d.effect = 'complete')`.as('completes')])
			.where('calls.started_at', '>=', dayStart)
			.where('calls.step', '=', 'ended')
			.where('calls.released_at', 'is', null)
			.groupBy('calls.agent_id')
			.execute(),
		db.selectFrom('calls').select(['agent_id', sql<Date>`max(ended_at)`.as('ended')]).where('started_at', '>=', dayStart).groupBy('agent_id').execute(),
		campaignRows(db, clock)
	]);
	const rows: AgentRow[] = [];
	for (const a of agents) {
		const call = open.find((c) => c.agent_id === a.id);
		const counts = today.find((t) => t.agent_id === a.id);
		let progress: AgentRow['progress'] = null;
		if (call?.step === 'questions' && call.response_id) {
			const version = await versionById(db, call.version_id);
			if (version) progress = progressAt(version.definition, await storedAnswers(db, call.response_id), call.position);
		}
		const since = call ? call.last_activity_at : lastEnded.find((l) => l.agent_id === a.id)?.ended;
		rows.push({
			id: a.id,
			name: a.display_name,
			agentCode: a.agent_code,
			state: !call ? 'idle' : call.step === 'questions' ? 'question' : call.step === 'recap' ? 'recap' : 'opening',
			progress,
			callId: call?.id ?? null,
			customer: call?.customer_name ?? null,
			campaign: call?.campaign ?? null,
			seconds: since ? Math.max(0, Math.round((clock.now.getTime() - new Date(since).getTime()) / 1000)) : null,
			callsToday: Number(counts?.calls ?? 0),
			completesToday: Number(counts?.completes ?? 0)
		});
	}
	return { at: clock.now.toISOString(), agents: rows, campaigns };
}

async function campaignRows(db: Db, clock: Clock): Promise<CampaignRow[]> {
	const hourAhead = new Date(clock.now.getTime() + 3_600_000);
	const staleBefore = new Date(clock.now.getTime() - STALE_WARN_MINUTES * 60_000);
	const today = todayIn(clock.timeZone, clock.now);
	const campaigns = await db
		.selectFrom('campaigns as c')
		.select(['c.id', 'c.name', 'c.status'])
		.select((eb) => [
			eb
				.selectFrom('appointments as a')
				.innerJoin('campaign_contacts as cc', 'cc.id', 'a.campaign_contact_id')
				.select(sql<string>`count(*)`.as('n'))
				.whereRef('cc.campaign_id', '=', 'c.id')
				.where('a.kept_in_call', 'is', null)
				.where('a.cancelled_at', 'is', null)
				.where('cc.status', '=', 'scheduled')
				.where('a.starts_at', '>=', clock.now)
				.where('a.starts_at', '<', hourAhead)
				.as('next_hour'),
			eb
				.selectFrom('appointments as a')
				.innerJoin('campaign_contacts as cc', 'cc.id', 'a.campaign_contact_id')
				.select(sql<string>`count(*)`.as('n'))
				.whereRef('cc.campaign_id', '=', 'c.id')
				.where('a.kept_in_call', 'is', null)
				.where('a.cancelled_at', 'is', null)
				.where('cc.status', '=', 'scheduled')
				.where('a.ends_at', '<=', clock.now)
				.as('missed'),
			eb
				.selectFrom('calls')
				.innerJoin('campaign_contacts as cc', 'cc.id', 'calls.campaign_contact_id')
				.select(sql<string>`count(*)`.as('n'))
				.whereRef('cc.campaign_id', '=', 'c.id')
				.where('calls.step', '!=', 'ended')
				.where('calls.last_activity_at', '<', staleBefore)
				.as('stale')
		])
		.where('c.status', 'in', ['running', 'paused'])
		.orderBy('c.status', 'desc')
		.orderBy('c.created_at', 'desc')
		.execute();
	const due = await db
		.selectFrom('campaign_contacts as cc')
		.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.select([
			'cc.campaign_id',
			sql<string>`count(*) filter (where ${withinCallingHours(clock.now, clock.timeZone)})`.as('open'),
			sql<string>`count(*) filter (where not ${withinCallingHours(clock.now, clock.timeZone)})`.as('held')
		])
		.where('k.do_not_contact', '=', false)
		.where('k.phone', 'is not', null)
		.where('c.status', 'in', ['running', 'paused'])
		.where(duePhoneCall(today, clock.now))
		.groupBy('cc.campaign_id')
		.execute();
	return campaigns.map((c) => {
		const d = due.find((x) => x.campaign_id === c.id);
		return {
			id: c.id,
			name: c.name,
			status: c.status,
			dueNow: Number(d?.open ?? 0),
			appointmentsNextHour: Number(c.next_hour ?? 0),
			missedAppointments: Number(c.missed ?? 0),
			staleClaims: Number(c.stale ?? 0),
			heldByHours: Number(d?.held ?? 0)
		};
	});
}

