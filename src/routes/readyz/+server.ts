import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readiness } from '$lib/server/health';
import type { RequestHandler } from './$types';

/** Readiness for a load balancer: 200 when the database is reachable and migrated, else 503. */
export const GET: RequestHandler = async () => {
	const result = await readiness(getDb());
	return json(result, { status: result.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
