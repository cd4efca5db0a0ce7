import type { Db } from '../db';
import type { Role } from '../../domain/users';
import type { Actor } from '../../domain/follow-ups/states';

export interface Viewer {
	id: string;
	role: Role;
}

/** Supervisors and admins see every case; everyone else only their teams' cases. */
export const seesAll = (v: Viewer) => v.role === 'admin' || v.role === 'supervisor';

/** How the viewer stands to a case, or null when they may not see it (the route answers 404). */
export async function actorFor(db: Db, v: Viewer, c: { team_id: string | null; owner_id: string | null }): Promise<Actor | null> {
	const member = c.team_id
		? !!(await db
				.selectFrom('follow_up_team_members')
				.select('user_id')
				.where('team_id', '=', c.team_id)
				.where('user_id', '=', v.id)
				.executeTakeFirst())
		: false;
	const supervisor = seesAll(v);
	const owner = c.owner_id === v.id;
	if (!supervisor && !member && !owner) return null;
	return { owner, member, supervisor, verification: false };
}

/** Whether the viewer leads the case's team (and may hand it to someone). */
export async function leadsTeam(db: Db, userId: string, teamId: string | null): Promise<boolean> {
	if (!teamId) return false;
	return !!(await db.selectFrom('follow_up_teams').select('id').where('id', '=', teamId).where('lead_id', '=', userId).executeTakeFirst());
}
