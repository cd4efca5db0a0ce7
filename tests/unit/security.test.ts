import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeNext } from '$lib/domain/security/redirect';
import { fieldHasControlChars, hasControlChars, jsonFileHasControlChars } from '$lib/domain/security/input';
import { commonPasswordCount, passwordProblem } from '$lib/domain/security/password-policy';
import { PAIR_FREE_FAILURES, pairDelayMs, waitBeforeAttempt } from '$lib/domain/security/throttle';
import { toCsv } from '$lib/domain/csv';
import { openLinkLimitsSchema } from '$lib/server/responses/open-links';
import { clampValues, MAX_ECHO } from '$lib/server/forms';
import { BodyTooLargeError, bodyLimit, limitBody } from '$lib/server/security/body-limits';

const ORIGIN = 'https://huifang.example';

describe('hole 2: the login redirect stays on this origin', () => {
	it('refuses every way off-site, including backslash and control-character tricks', () => {
		for (const next of ['/\\evil.example', '/\t/evil.example', '/%09/evil.example'.replace('%09', '\t'), '//evil.example', '/\n/evil.example', 'https://evil.example/', 'javascript:alert(1)', '\\\\evil.example', '/\\/evil.example', ' //evil.example']) {
			expect(safeNext(next, ORIGIN), next).toBe('/');
		}
	});

	it('keeps same-origin paths with their query', () => {
		expect(safeNext('/calls?tab=queue', ORIGIN)).toBe('/calls?tab=queue');
		expect(safeNext('/questionnaires/abc#q2', ORIGIN)).toBe('/questionnaires/abc#q2');
		expect(safeNext(null, ORIGIN)).toBe('/');
	});

	it('never leaves the origin, whatever the input', () => {
		fc.assert(
			fc.property(fc.string(), (next) => {
				expect(new URL(safeNext(next, ORIGIN), ORIGIN).origin).toBe(ORIGIN);
			})
		);
	});
});

describe('hole 5: control characters are found wherever they hide', () => {
	it('refuses NUL and other C0 controls, allows tab and newlines', () => {
		expect(hasControlChars('a\u0000b')).toBe(true);
		expect(hasControlChars('a\u001bb')).toBe(true);
		expect(hasControlChars('a\u007fb')).toBe(true);
		expect(hasControlChars('第一行\r\n第二行\t制表')).toBe(false);
	});

	it('looks inside JSON carried in a field or a file (an escaped \\u0000)', () => {
		expect(fieldHasControlChars('{"title":{"en":"a\\u0000b"}}')).toBe(true);
		expect(fieldHasControlChars('{"a\\u0001":1}')).toBe(true);
		expect(fieldHasControlChars('{"title":"tab\\tok"}')).toBe(false);
		expect(fieldHasControlChars('{not json')).toBe(false);
		expect(jsonFileHasControlChars('{"questions":[{"text":"\\u0000"}]}')).toBe(true);
	});
});

describe('hole 8: the hourly limit per network', () => {
	it('refuses an empty field instead of turning the limit off; 0 is the explicit "no limit"', () => {
		expect(openLinkLimitsSchema.safeParse({ hourlyPerIp: '' }).success).toBe(false);
		expect(openLinkLimitsSchema.safeParse({ hourlyPerIp: '  ' }).success).toBe(false);
		expect(openLinkLimitsSchema.safeParse({}).success).toBe(false);
		expect(openLinkLimitsSchema.safeParse({ hourlyPerIp: '10001' }).success).toBe(false);
		expect(openLinkLimitsSchema.safeParse({ hourlyPerIp: '-1' }).success).toBe(false);
		expect(openLinkLimitsSchema.parse({ hourlyPerIp: '0' })).toEqual({ hourlyPerIp: 0, oncePerBrowser: false });
		expect(openLinkLimitsSchema.parse({ hourlyPerIp: ' 12 ', oncePerBrowser: 'on' })).toEqual({ hourlyPerIp: 12, oncePerBrowser: true });
	});
});

describe('hole 9: password policy', () => {
	it('ships at least 10,000 common passwords and refuses them, and the username inside', () => {
		expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
		expect(passwordProblem('1234567890', 'wang')).toBe('sec_password_common');
		expect(passwordProblem('Password1234', 'wang')).toBe('sec_password_common');
		expect(passwordProblem('WANG.li-2026!x', 'wang.li')).toBe('sec_password_contains_username');
		expect(passwordProblem('correct horse battery', 'admin')).toBeNull();
	});
});

describe('hole 12: links CSV', () => {
	it('exports a validated E.164 phone unchanged and still neutralises free text, also in the phone column', () => {
		const csv = toCsv([['=HYPERLINK("x")', '+8613800138000', '@x'], ['-1', '+1 (555) 0100', 'ok']], { phoneColumns: [1] });
		expect(csv).toBe(`"'=HYPERLINK(""x"")",+8613800138000,'@x\r\n'-1,'+1 (555) 0100,ok\r\n`);
	});
});

describe('hole 4: bodies', () => {
	it('limits bodies per route: 20 MB only for the contact CSV upload, well under 1 MB for respondents', () => {
		expect(bodyLimit('/contacts/import')).toBeGreaterThan(20 * 1024 * 1024);
		expect(bodyLimit('/s/abc')).toBeLessThan(1024 * 1024);
		expect(bodyLimit('/l/token')).toBeLessThan(1024 * 1024);
		expect(bodyLimit('/login')).toBeLessThanOrEqual(16 * 1024);
		expect(bodyLimit('/questionnaires/x')).toBeLessThanOrEqual(1024 * 1024);
	});

	it('counts a chunked body (no content-length) as it arrives and fails past the limit', async () => {
		const endless = new ReadableStream<Uint8Array>({
			pull(controller) {
				controller.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
			}
		});
		const request = new Request('http://localhost/s/abc', { method: 'POST', body: endless, headers: { 'content-type': 'application/x-www-form-urlencoded' }, duplex: 'half' } as RequestInit);
		await expect(limitBody(request, bodyLimit('/s/abc')).formData()).rejects.toBeInstanceOf(BodyTooLargeError);
		const small = new Request('http://localhost/s/abc', { method: 'POST', body: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect((await limitBody(small, bodyLimit('/s/abc')).formData()).get('b')).toBe('2');
	});

	it('never echoes more of a field than its maximum length', () => {
		const echoed = clampValues({ comment: ['x'.repeat(100_000)], name: 'y'.repeat(5000) });
		expect(echoed.comment![0]).toHaveLength(MAX_ECHO);
		expect(echoed.name).toHaveLength(MAX_ECHO);
	});
});

describe('hole 1: slow-down policy', () => {
	it('lets the free attempts through, then doubles the wait, capped at 15 minutes', () => {
		const now = new Date('2026-03-02T00:00:00Z');
		const none = { failures: 0, lastAttempt: null };
		expect(waitBeforeAttempt({ failures: PAIR_FREE_FAILURES - 1, lastAttempt: now }, none, now)).toBe(0);
		expect(waitBeforeAttempt({ failures: PAIR_FREE_FAILURES, lastAttempt: now }, none, now)).toBe(1000);
		expect(pairDelayMs(PAIR_FREE_FAILURES + 3)).toBe(8000);
		expect(pairDelayMs(PAIR_FREE_FAILURES + 40)).toBe(15 * 60 * 1000);
	});
});
