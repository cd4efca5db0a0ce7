import { error, redirect } from '@sveltejs/kit';
import { can, type Permission } from '../../domain/users';
import type { SessionUser } from './sessions';

/** The signed-in user, or a redirect to the login page that comes back here. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) {
		throw redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return locals.user;
}

/** Refuses with 404, not 403: a user must not learn what exists beyond their role. */
export function requirePermission(locals: App.Locals, url: URL, permission: Permission): SessionUser {
	const user = requireUser(locals, url);
	if (!can(user.role, permission)) throw error(404, 'not_found');
	return user;
}
