import { error } from '@sveltejs/kit';
import { requireUser } from '../auth/guards';
import type { SessionUser } from '../auth/sessions';
import type { Role } from '../../domain/users';

/** Supervisors and administrators run the floor: wallboard, appointments, releases. */
export const FLOOR_ROLES: readonly Role[] = ['admin', 'supervisor'];

/** The signed-in user when their role is one of `roles`; anyone else gets 404. */
export function requireRole(locals: App.Locals, url: URL, roles: readonly Role[]): SessionUser {
	const user = requireUser(locals, url);
	if (!roles.includes(user.role)) throw error(404, 'not_found');
	return user;
}
