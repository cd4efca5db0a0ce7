import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db';
import { addDays, zonedInstant } from '../../domain/scheduling/dates';

const COUNTED = ['resolved', 'informed', 'verified', 'reopened', 'escalated'] as const;
type Counted = (typeof COUNTED)[number];

export interface TeamRow {
	team: string | null;
	opened: number;
	noAnswers: number;
	resolved: number;
	informed: number;
	verified: number;
	reopened: number;
	overdue: number;
	/** Of the cases resolved this day, how many before their deadline (null: none resolved). */
	slaMet: number;
}

export interface AgentRow {
	agent: string;
	attempted: number;
	completed: number;
	noAnswers: number;
	resolved: number;
	informed: number;
	verified: number;
	reopened: number;
}

export const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const signOffSchema = z.object({ day: daySchema, comment: z.string().trim().min(1, 'required').max(4000, 'too_long') });

function bounds(day: string, timeZone: string) {
	return { start: zonedInstant(day, '00:00', timeZone), end: zonedInstant(addDays(day, 1), '00:00', timeZone) };
}

/** The callback report of one calendar day (in the app's zone): per team and per agent, and what a supervisor must read. */
export async function dailyReport(db: Db, day: string, timeZone: string) {
	const { start, end } = bounds(day, timeZone);
	const [opened, events, resolvedOnTime, calls, agentNo, flagged, refusals, signoff] = await Promise.all([
		db
			.selectFrom('follow_ups as f')
			.leftJoin('follow_up_teams as t', 't.id', 'f.team_id')
			.select(['t.name as team'])
			.select((eb) => [
				eb.fn.countAll<string>().as('n'),
				eb.fn.sum<string>(eb.selectFrom('follow_up_items as i').select((e) => e.fn.countAll<string>().as('c')).whereRef('i.follow_up_id', '=', 'f.id')).as('items')
			])
			.where('f.opened_at', '>=', start)
			.where('f.opened_at', '<', end)
			.groupBy('t.name')
			.execute(),
		db
			.selectFrom('follow_up_events as e')
			.innerJoin('follow_ups as f', 'f.id', 'e.follow_up_id')
			.leftJoin('follow_up_teams as t', 't.id', 'f.team_id')
			.leftJoin('users as u', 'u.id', 'e.user_id')
			.select(['t.name as team', 'u.display_name as agent', 'e.kind'])
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.where('e.at', '>=', start)
			.where('e.at', '<', end)
			.where('e.kind', 'in', COUNTED)
			.groupBy(['t.name', 'u.display_name', 'e.kind'])
			.execute(),
		db
			.selectFrom('follow_up_events as e')
			.innerJoin('follow_ups as f', 'f.id', 'e.follow_up_id')
			.leftJoin('follow_up_teams as t', 't.id', 'f.team_id')
			.select(['t.name as team'])
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.where('e.at', '>=', start)
			.where('e.at', '<', end)
			.where('e.kind', '=', 'resolved')
			.whereRef('e.at', '<=', 'f.resolve_due')
			.groupBy('t.name')
			.execute(),
		db
			.selectFrom('calls as c')
			.innerJoin('users as u', 'u.id', 'c.agent_id')
			.select(['u.display_name as agent'])
			.select((eb) => [
				eb.fn.countAll<string>().as('attempted'),
				eb.fn.countAll<string>().filterWhere('c.outcome', '=', 'completed').as('completed')
			])
			.where('c.started_at', '>=', start)
			.where('c.started_at', '<', end)
			.where('c.outcome', 'is not', null)
			.groupBy('u.display_name')
			.execute(),
		db
			.selectFrom('follow_up_items as i')
			.innerJoin('follow_ups as f', 'f.id', 'i.follow_up_id')
			.innerJoin('users as u', 'u.id', 'f.first_agent_id')
			.select(['u.display_name as agent'])
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.where('f.opened_at', '>=', start)
			.where('f.opened_at', '<', end)
			.groupBy('u.display_name')
			.execute(),
		db
			.selectFrom('follow_up_events as e')
			.innerJoin('follow_ups as f', 'f.id', 'e.follow_up_id')
			.leftJoin('contacts as k', 'k.id', 'f.contact_id')
			.select(['e.id', 'e.kind', 'e.at', 'e.body', 'f.id as case_id', 'k.name as contact'])
			.where('e.at', '>=', start)
			.where('e.at', '<', end)
			.where('e.kind', 'in', ['reopened', 'escalated'])
			.orderBy('e.at')
			.execute(),
		db
			.selectFrom('calls as c')
			.innerJoin('users as u', 'u.id', 'c.agent_id')
			.select(['c.id', 'c.customer_name', 'c.note', 'c.started_at', 'u.display_name as agent'])
			.where('c.started_at', '>=', start)
			.where('c.started_at', '<', end)
			.where('c.outcome', '=', 'refused')
			.orderBy('c.started_at')
			.execute(),
		db
			.selectFrom('follow_up_signoffs as s')
			.leftJoin('users as u', 'u.id', 's.signed_by')
			.select(['s.signed_at', 's.comment', 'u.display_name as by'])
			.where(sql<boolean>`s.day = ${day}::date`)
			.executeTakeFirst()
	]);

	const teams = new Map<string | null, TeamRow>();
	const team = (name: string | null) => {
		let row = teams.get(name);
		if (!row) {
			row = { team: name, opened: 0, noAnswers: 0, resolved: 0, informed: 0, verified: 0, reopened: 0, overdue: 0, slaMet: 0 };
			teams.set(name, row);
		}
		return row;
	};
	const agents = new Map<string, AgentRow>();
	const agent = (name: string) => {
		let row = agents.get(name);
		if (!row) {
			row = { agent: name, attempted: 0, completed: 0, noAnswers: 0, resolved: 0, informed: 0, verified: 0, reopened: 0 };
			agents.set(name, row);
		}
		return row;
	};
	for (const o of opened) Object.assign(team(o.team), { opened: Number(o.n), noAnswers: Number(o.items ?? 0) });
	for (const e of events) {
		const kind = e.kind as Counted;
		const n = Number(e.n);
		const t = team(e.team);
		if (kind === 'escalated') t.overdue += n;
		else t[kind] += n;
		if (e.agent && kind !== 'escalated') agent(e.agent)[kind] += n;
	}
	for (const r of resolvedOnTime) team(r.team).slaMet = Number(r.n);
	for (const c of calls) Object.assign(agent(c.agent), { attempted: Number(c.attempted), completed: Number(c.completed) });
	for (const a of agentNo) agent(a.agent).noAnswers = Number(a.n);

	return {
		day,
		teams: [...teams.values()].sort((a, b) => (a.team ?? '').localeCompare(b.team ?? '')),
		agents: [...agents.values()].sort((a, b) => a.agent.localeCompare(b.agent)),
		flagged: flagged.map((f) => ({ ...f, at: new Date(f.at) })),
		refusals: refusals.map((r) => ({ ...r, started_at: new Date(r.started_at) })),
		signoff: signoff ? { at: new Date(signoff.signed_at), comment: signoff.comment, by: signoff.by } : null
	};
}

export type DailyReport = Awaited<ReturnType<typeof dailyReport>>;

/** Signs a day off once; a second sign-off of the same day is refused (false). */
export async function signOffDay(db: Db, day: string, userId: string, comment: string, now: Date): Promise<boolean> {
	const row = await db
		.insertInto('follow_up_signoffs')
		.values({ day, signed_by: userId, signed_at: now, comment })
		.onConflict((oc) => oc.column('day').doNothing())
		.returning('day')
		.executeTakeFirst();
	return !!row;
}

/** The last `n` days up to `today`, each signed off or pending. */
export async function recentDays(db: Db, today: string, n = 14) {
	const from = addDays(today, -(n - 1));
	const rows = await db
		.selectFrom('follow_up_signoffs')
		.select([sql<string>`day::text`.as('day')])
		.where(sql<boolean>`day >= ${from}::date`)
		.execute();
	const signed = new Set(rows.map((r) => r.day));
	return Array.from({ length: n }, (_, i) => addDays(today, -i)).map((day) => ({ day, signed: signed.has(day) }));
}

/** The report as CSV rows (a header per block), for the export. */
export function reportCsvRows(r: DailyReport, h: { teams: string[]; agents: string[]; none: string }): string[][] {
	return [
		h.teams,
		...r.teams.map((t) => [
			r.day,
			t.team ?? h.none,
			...[t.opened, t.noAnswers, t.resolved, t.informed, t.verified, t.reopened, t.overdue].map(String),
			t.resolved ? `${Math.round((100 * t.slaMet) / t.resolved)}%` : ''
		]),
		[],
		h.agents,
		...r.agents.map((a) => [r.day, a.agent, ...[a.attempted, a.completed, a.noAnswers, a.resolved, a.informed, a.verified, a.reopened].map(String)])
	];
}
