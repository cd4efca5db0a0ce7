import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPrivateAddress } from '$lib/domain/integrations/addresses';
import { nextAttemptAt, RETRY_WINDOW_MS } from '$lib/domain/integrations/backoff';
import { allows, tokenFormSchema } from '$lib/domain/integrations/scopes';
import { webhookFormSchema } from '$lib/domain/integrations/webhook-form';

describe('private addresses', () => {
	it.each([
		'127.0.0.1', '10.0.0.8', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
		'::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a00:1', '[::1]', 'not-an-ip'
	])('refuses %s', (ip) => expect(isPrivateAddress(ip)).toBe(true));

	it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2400:3200::1'])('allows %s', (ip) =>
		expect(isPrivateAddress(ip)).toBe(false)
	);

	it('treats every 10.x and 127.x address as private', () => {
		fc.assert(
			fc.property(fc.constantFrom(10, 127), fc.nat(255), fc.nat(255), fc.nat(255), (a, b, c, d) => isPrivateAddress(`${a}.${b}.${c}.${d}`))
		);
	});
});

describe('webhook backoff', () => {
	const first = new Date('2026-12-01T00:00:00Z');

	it('doubles the pause from 30 seconds, capped at 4 hours', () => {
		expect(nextAttemptAt(1, first, first)!.getTime() - first.getTime()).toBe(30_000);
		expect(nextAttemptAt(2, first, first)!.getTime() - first.getTime()).toBe(60_000);
		expect(nextAttemptAt(5, first, first)!.getTime() - first.getTime()).toBe(480_000);
		expect(nextAttemptAt(30, first, first)!.getTime() - first.getTime()).toBe(4 * 3600_000);
	});

	it('never schedules an attempt more than 24 hours after the first, and always moves forward', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: RETRY_WINDOW_MS }), (attempts, elapsed) => {
				const now = new Date(first.getTime() + elapsed);
				const next = nextAttemptAt(attempts, first, now);
				return next === null || (next > now && next.getTime() - first.getTime() <= RETRY_WINDOW_MS);
			})
		);
		expect(nextAttemptAt(3, first, new Date(first.getTime() + RETRY_WINDOW_MS - 1000))).toBeNull();
	});
});

describe('token scopes', () => {
	it('lets write include read, not the other way round', () => {
		expect(allows(['contacts:write'], 'contacts', 'read')).toBe(true);
		expect(allows(['contacts:read'], 'contacts', 'write')).toBe(false);
		expect(allows(['contacts:write'], 'responses', 'read')).toBe(false);
	});

	it('reads the admin form into scopes and refuses a token that may do nothing', () => {
		const ok = tokenFormSchema.safeParse({ name: ' CRM ', rateLimit: '120', scope_contacts: 'write', scope_responses: 'read', scope_calls: 'none' });
		expect(ok.success && ok.data).toEqual({ name: 'CRM', rateLimit: 120, scopes: ['contacts:write', 'responses:read'] });
		const none = tokenFormSchema.safeParse({ name: 'x', rateLimit: '60' });
		expect(none.success).toBe(false);
		expect(none.error?.issues[0]?.message).toBe('api_error_no_scope');
		expect(tokenFormSchema.safeParse({ name: 'x', rateLimit: '0', scope_calls: 'read' }).success).toBe(false);
	});
});

describe('webhook form', () => {
	it('takes http(s) URLs without credentials and at least one known event', () => {
		expect(webhookFormSchema.safeParse({ url: 'https://crm.example.com/hooks', events: ['response.submitted'] }).success).toBe(true);
		expect(webhookFormSchema.safeParse({ url: 'ftp://x.example/', events: ['response.submitted'] }).success).toBe(false);
		expect(webhookFormSchema.safeParse({ url: 'https://u:p@x.example/', events: ['response.submitted'] }).success).toBe(false);
		expect(webhookFormSchema.safeParse({ url: 'https://x.example/', events: [] }).success).toBe(false);
		expect(webhookFormSchema.safeParse({ url: 'https://x.example/', events: ['user.deleted'] }).success).toBe(false);
	});
});
