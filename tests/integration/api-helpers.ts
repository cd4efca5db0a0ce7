import type { Db } from '$lib/server/db';
import { createApiToken } from '$lib/server/api/tokens';
import { handleRoute, type ApiRoute } from '$lib/server/api/route';
import { makeUser } from './fixtures';

/** A token with the given scopes, created as an admin would. */
export async function apiToken(db: Db, scopes: string[], rateLimit = 1000): Promise<string> {
	const admin = await makeUser(db, 'admin');
	return (await createApiToken(db, { name: `t${Math.random()}`, scopes: scopes as never, rateLimit }, admin)).token;
}

/** Calls a route exactly as its +server.ts does, with a real Request. */
export async function call(
	db: Db,
	route: ApiRoute,
	opts: { token?: string; body?: unknown; query?: Record<string, string>; headers?: Record<string, string>; now?: Date; params?: Record<string, string> }
) {
	const params = opts.params ?? {};
	const url = new URL(`http://localhost${route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))}`);
	for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
	const request = new Request(url, {
		method: route.method,
		headers: {
			...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
			...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
			...opts.headers
		},
		...(opts.body !== undefined ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {})
	});
	const response = await handleRoute(route, db, request, opts.now ?? new Date(), params);
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
