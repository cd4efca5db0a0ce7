import { z } from 'zod';
import type { Db } from '../db';
import { isUniqueViolation } from '../db/errors';
import { CHURN_CAUSES, type ChurnCause } from '../../domain/questionnaire/definition';
import { ASSIGNMENT_MODES, type AssignmentMode } from '../../domain/follow-ups/states';

export const teamSchema = z.object({
	name: z.string().trim().min(1, 'required').max(80, 'too_long'),
	leadId: z
		.string()
		.optional()
		.transform((v) => v || null)
		.pipe(z.uuid('invalid').nullable()),
	memberIds: z.array(z.uuid('invalid')).max(200, 'too_long')
});
export type TeamInput = z.infer<typeof teamSchema>;

export const routeSchema = z.object({
	cause: z.enum(CHURN_CAUSES),
	teamId: z.uuid('invalid'),
	assignment: z.enum(ASSIGNMENT_MODES),
	firstActionHours: z.coerce.number().int('invalid').min(1, 'invalid').max(720, 'invalid'),
	resolveHours: z.coerce.number().int('invalid').min(1, 'invalid').max(2160, 'invalid')
});
export type RouteInput = z.infer<typeof routeSchema>;

export class DuplicateTeamError extends Error {}

/** Creates or updates a team with its members (the lead is always a member). */
export async function saveTeam(db: Db, t: TeamInput, teamId?: string): Promise<string> {
	try {
		return await db.transaction().execute(async (trx) => {
			const id = teamId
				? (await trx.updateTable('follow_up_teams').set({ name: t.name, lead_id: t.leadId }).where('id', '=', teamId).returning('id').executeTakeFirst())?.id
				: (await trx.insertInto('follow_up_teams').values({ name: t.name, lead_id: t.leadId }).returning('id').executeTakeFirstOrThrow()).id;
			if (!id) throw new Error('team not found');
			const members = [...new Set([...t.memberIds, ...(t.leadId ? [t.leadId] : [])])];
			await trx
				.deleteFrom('follow_up_team_members')
				.where('team_id', '=', id)
				.$if(members.length > 0, (q) => q.where('user_id', 'not in', members))
				.execute();
			if (members.length > 0) {
				await trx
					.insertInto('follow_up_team_members')
					.values(members.map((user_id) => ({ team_id: id, user_id })))
					.onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
					.execute();
			}
			return id;
		});
	} catch (e) {
		if (isUniqueViolation(e, 'follow_up_teams_name_key')) throw new DuplicateTeamError();
		throw e;
	}
}

export async function listTeams(db: Db) {
	const teams = await db
		.selectFrom('follow_up_teams as t')
		.leftJoin('users as l', 'l.id', 't.lead_id')
		.select(['t.id', 't.name', 't.lead_id', 'l.display_name as lead_name'])
		.orderBy('t.name')
		.execute();
	const members = await db
		.selectFrom('follow_up_team_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.select(['m.team_id', 'u.id', 'u.display_name'])
		.orderBy('u.display_name')
		.execute();
	return teams.map((t) => ({ ...t, members: members.filter((m) => m.team_id === t.id).map((m) => ({ id: m.id, name: m.display_name })) }));
}

export async function saveRoute(db: Db, r: RouteInput): Promise<boolean> {
	const team = await db.selectFrom('follow_up_teams').select('id').where('id', '=', r.teamId).executeTakeFirst();
	if (!team) return false;
	const values = { team_id: r.teamId, assignment: r.assignment, first_action_hours: r.firstActionHours, resolve_hours: r.resolveHours };
	await db
		.insertInto('follow_up_routes')
		.values({ cause: r.cause, ...values })
		.onConflict((oc) => oc.column('cause').doUpdateSet(values))
		.execute();
	return true;
}

export async function listRoutes(db: Db): Promise<Map<ChurnCause, { teamId: string; assignment: AssignmentMode; firstActionHours: number; resolveHours: number }>> {
	const rows = await db.selectFrom('follow_up_routes').selectAll().execute();
	return new Map(
		rows.map((r) => [r.cause, { teamId: r.team_id, assignment: r.assignment, firstActionHours: r.first_action_hours, resolveHours: r.resolve_hours }])
	);
}

/** The teams a user belongs to, and those they lead. */
export async function membership(db: Db, userId: string): Promise<{ teams: string[]; leads: string[] }> {
	const [member, lead] = await Promise.all([
		db.selectFrom('follow_up_team_members').select('team_id').where('user_id', '=', userId).execute(),
		db.selectFrom('follow_up_teams').select('id').where('lead_id', '=', userId).execute()
	]);
	return { teams: member.map((m) => m.team_id), leads: lead.map((l) => l.id) };
}
