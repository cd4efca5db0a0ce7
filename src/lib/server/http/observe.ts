import { randomUUID } from 'node:crypto';
import type { Handle } from '@sveltejs/kit';
import { logger, runWithRequestId } from '../log';
import { requestDuration } from '../metrics';

/** Probes and scrapes arrive every few seconds: logged only at debug level. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Outermost hook: gives the request its id (every log line of the request carries it,
 * and the X-Request-Id header returns it), then logs one line and times it by route.
 * The route id is logged rather than the path, which may hold a personal link's token.
 */
export const observe: Handle = async ({ event, resolve }) => {
	const requestId = randomUUID();
	event.locals.requestId = requestId;
	const started = performance.now();
	return runWithRequestId(requestId, async () => {
		const response = await resolve(event);
		const seconds = (performance.now() - started) / 1000;
		const route = event.route.id ?? 'unmatched';
		const method = event.request.method;
		requestDuration.observe({ method, route, status: String(response.status) }, seconds);
		const line = { event: 'request', method, route, status: response.status, ms: Math.round(seconds * 10_000) / 10 };
		if (QUIET_ROUTES.has(route)) logger.debug(line);
		else logger.info(line);
		return response;
	});
};
