import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * /metrics shows internals (routes, volumes): it answers a scraper on the same machine,
 * or one presenting `Authorization: Bearer <METRICS_TOKEN>`. Behind a reverse proxy on
 * the same host every client looks local unless ADDRESS_HEADER names the forwarded
 * address; set it (or serve /metrics only on an internal port).
 */
export function metricsAllowed(clientAddress: string, authorization: string | null, token: string | undefined): boolean {
	if (token) {
		const given = Buffer.from(authorization?.replace(/^Bearer\s+/i, '') ?? '');
		const wanted = Buffer.from(token);
		if (given.length === wanted.length && timingSafeEqual(given, wanted)) return true;
	}
	return isIP(clientAddress) !== 0 && LOOPBACK.test(clientAddress);
}
