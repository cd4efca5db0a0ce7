import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import type { Db } from '$lib/server/db';
import { authenticate, createUser } from '$lib/server/users/service';
import { pruneLoginAttempts } from '$lib/server/auth/throttle';
import { IP_FREE_FAILURES, PAIR_FREE_FAILURES } from '$lib/domain/security/throttle';

const PASSWORD = 'violet tractor 1987';
const t0 = new Date('2026-03-02T02:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: sign-in throttle (hole 1)`, { timeout: 120_000 }, () => {
		let db: Db;
		beforeAll(async () => {
			db = await dialect.open();
			for (const username of ['boss', 'agent7', 'agent8']) {
				const created = await createUser(db, { username, displayName: username, password: PASSWORD, role: 'agent', agentCode: String(username.length * 100 + username.charCodeAt(5 % username.length)), locale: 'zh-CN' });
				expect(created.ok).toBe(true);
			}
		}, 240_000);
		afterAll(async () => {
			await db.destroy();
		});

		it('checks at most the free attempts of a concurrent burst, so a correct password inside 29 wrong ones does not sign in', async () => {
			const burst = Array.from({ length: 30 }, (_, i) => (i === 29 ? PASSWORD : `wrong guess ${i}`));
			const results = await Promise.all(burst.map((password) => authenticate(db, 'boss', password, '203.0.113.9', t0)));
			const checked = results.filter((r) => !(!r.ok && r.reason === 'throttled'));
			expect(checked.length).toBeLessThanOrEqual(PAIR_FREE_FAILURES);
			expect(results.some((r) => r.ok)).toBe(false);
			expect(results[29]).toMatchObject({ ok: false, reason: 'throttled' });
			const failures = await db.selectFrom('login_attempts').select((eb) => eb.fn.countAll<string>().as('n')).where('account', '=', 'boss').executeTakeFirstOrThrow();
			expect(Number(failures.n)).toBe(checked.length);
		});

		it('slows the guesser down progressively instead of locking the account', async () => {
			// After the burst, the next attempt from that address must wait; a little later it is checked again.
			expect(await authenticate(db, 'boss', 'again wrong', '203.0.113.9', at(0.5))).toMatchObject({ reason: 'throttled', retryAfterSeconds: 1 });
			expect(await authenticate(db, 'boss', 'again wrong', '203.0.113.9', at(2))).toEqual({ ok: false, reason: 'invalid' });
			// The wait doubles: 2 s after that one, so the right password at 3 s is not even checked.
			expect(await authenticate(db, 'boss', PASSWORD, '203.0.113.9', at(3))).toMatchObject({ ok: false, reason: 'throttled' });
			// Meanwhile the real user, elsewhere, signs in at once.
			expect(await authenticate(db, 'boss', PASSWORD, '198.51.100.20', at(3))).toMatchObject({ ok: true });
			// And after waiting, the right password works from the guesser's address too, and forgives it.
			expect(await authenticate(db, 'boss', PASSWORD, '203.0.113.9', at(120))).toMatchObject({ ok: true });
			expect(await authenticate(db, 'boss', 'wrong once', '203.0.113.9', at(121))).toEqual({ ok: false, reason: 'invalid' });
		});

		it('lets a call centre behind one address fail many times before slowing it, gently', async () => {
			const nat = '192.0.2.50';
			for (let i = 0; i < 60; i++) {
				expect(await authenticate(db, `agent${i % 2 ? 7 : 8}`, `typo ${i}`.padEnd(12, 'x'), nat, at(200 + i * 20))).toMatchObject({ ok: false });
			}
			// 60 failures from one NAT address (over 20): the agents still sign in.
			expect(await authenticate(db, 'agent7', PASSWORD, nat, at(1500))).toMatchObject({ ok: true });
			expect(await authenticate(db, 'agent8', PASSWORD, nat, at(1500))).toMatchObject({ ok: true });
			for (let i = 0; i < IP_FREE_FAILURES; i++) await authenticate(db, `nobody${i}`, 'wrong', nat, at(1600 + i * 0.001));
			expect(await authenticate(db, 'agent7', PASSWORD, nat, at(1600.5))).toMatchObject({ ok: false, reason: 'throttled' });
			expect(await authenticate(db, 'agent7', PASSWORD, nat, at(1700))).toMatchObject({ ok: true });
		});

		it('records sign-ins and failures in the audit log', async () => {
			const rows = await db.selectFrom('audit_log').select(['action', 'actor_name', 'detail']).orderBy('id').execute();
			expect(rows.some((r) => r.action === 'sign_in' && r.actor_name === 'boss')).toBe(true);
			expect(rows.some((r) => r.action === 'sign_in_failed' && r.actor_name === null && r.detail.username === 'boss')).toBe(true);
			const user = await db.selectFrom('users').select('last_sign_in_at').where('username', '=', 'agent7').executeTakeFirstOrThrow();
			expect(user.last_sign_in_at).not.toBeNull();
		});

		it('prunes attempts that no longer count (housekeeping, moved clock)', async () => {
			const count = async () => Number((await db.selectFrom('login_attempts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
			const total = await count();
			const last = await db.selectFrom('login_attempts').select((eb) => eb.fn.max('attempted_at').as('last')).executeTakeFirstOrThrow();
			const lastAt = new Date(last.last!).getTime();
			expect(total).toBeGreaterThan(0);
			expect(await pruneLoginAttempts(db, new Date(lastAt + 14 * 60_000))).toBeLessThan(total);
			expect(await count()).toBeGreaterThan(0);
			await pruneLoginAttempts(db, new Date(lastAt + 16 * 60_000));
			expect(await count()).toBe(0);
		});
	});
}
