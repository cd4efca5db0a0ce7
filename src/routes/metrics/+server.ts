import { error } from '@sveltejs/kit';
import { metricsAllowed } from '$lib/server/metrics-access';
import { metricsContentType, metricsText } from '$lib/server/metrics';
import type { RequestHandler } from './$types';

/** Prometheus scrape: only from loopback or with METRICS_TOKEN; anyone else gets a plain 404. */
export const GET: RequestHandler = async ({ request, getClientAddress }) => {
	if (!metricsAllowed(getClientAddress(), request.headers.get('authorization'), process.env.METRICS_TOKEN)) {
		throw error(404, 'not_found');
	}
	return new Response(await metricsText(), { headers: { 'content-type': metricsContentType, 'cache-control': 'no-store' } });
};
