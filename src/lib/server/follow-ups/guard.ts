import { error, redirect } from '@sveltejs/kit';
import { can } from '../../domain/users';
import type { Db } from '../db';
import { requireUser } from '../auth/guards';
import type { SessionUser } from '../auth/sessions';
import { seesAll } from './access';
import { membership } from './teams';

/**
 * Case views are for supervisors, admins and members of a follow-up team; anyone
 * else gets 404 (agents reach a case only through the verification script).
 */
export async function requireCaseViewer(db: Db, locals: App.Locals, url: URL): Promise<SessionUser> {
	const user = requireUser(locals, url);
	if (seesAll(user)) return user;
	const { teams } = await membership(db, user.id);
	if (teams.length === 0) {
		// Analysts outside the teams read the loop through its analytics.
		if (can(user.role, 'viewAnalytics')) throw redirect(303, '/follow-ups/analytics');
		throw error(404, 'not_found');
	}
	return user;
}

export function requireSupervisor(locals: App.Locals, url: URL): SessionUser {
	const user = requireUser(locals, url);
	if (!seesAll(user)) throw error(404, 'not_found');
	return user;
}
