import type { RequestHandler } from './$types';

/** Liveness: the process answers. It says nothing about the database (that is /readyz). */
export const GET: RequestHandler = () =>
	new Response('ok\n', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
