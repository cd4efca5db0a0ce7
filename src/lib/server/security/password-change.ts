import { redirect, type Handle } from '@sveltejs/kit';

export const ACCOUNT_PATH = '/account';

/**
 * After an admin's reset the temporary password only opens the account page, where a
 * new one is chosen; signing out stays possible.
 */
export const requirePasswordChange: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	if (event.locals.user?.mustChangePassword && path !== ACCOUNT_PATH && path !== '/login') {
		if (event.request.method === 'GET' || event.request.method === 'HEAD') throw redirect(303, ACCOUNT_PATH);
		return new Response(null, { status: 403 });
	}
	return resolve(event);
};
