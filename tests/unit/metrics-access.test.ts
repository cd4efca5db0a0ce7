import { describe, expect, it } from 'vitest';
import { metricsAllowed } from '../../src/lib/server/metrics-access';

describe('who may read /metrics', () => {
	it('lets a scraper on the same machine in', () => {
		for (const address of ['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1']) expect(metricsAllowed(address, null, undefined)).toBe(true);
	});

	it('keeps everyone else out without the token', () => {
		for (const address of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.1', '2001:db8::1', 'localhost', '']) {
			expect(metricsAllowed(address, null, undefined)).toBe(false);
			expect(metricsAllowed(address, 'Bearer guess', 'the-real-token')).toBe(false);
		}
	});

	it('lets a remote scraper in with the bearer token', () => {
		expect(metricsAllowed('10.0.0.5', 'Bearer the-real-token', 'the-real-token')).toBe(true);
		expect(metricsAllowed('10.0.0.5', 'Bearer the-real-token-', 'the-real-token')).toBe(false);
		expect(metricsAllowed('10.0.0.5', 'Bearer ', '')).toBe(false);
	});
});
