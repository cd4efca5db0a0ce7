import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import type { Db } from '$lib/server/db';
import { SetupClosedError, authenticate, companyName, completeSetup, createUser, hasAnyUser } from '$lib/server/users/service';
import { createSession, validateSession, deleteSession } from '$lib/server/auth/sessions';

const setup = (username: string, company = '星河汽车') => ({
	companyName: company,
	username,
	displayName: '王经理',
	password: 'correct horse battery',
	agentCode: null
});

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: accounts`, () => {
		let db: Db;
		beforeAll(async () => {
			db = await dialect.open();
		});
		afterAll(async () => {
			await db.destroy();
		});

		it('creates exactly one first admin even when two setups race', async () => {
			expect(await hasAnyUser(db)).toBe(false);
			const results = await Promise.allSettled([
				completeSetup(db, setup('admin')),
				completeSetup(db, setup('admin', '另一家公司'))
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
			expect(rejected.reason).toBeInstanceOf(SetupClosedError);
			const users = await db.selectFrom('users').select(['role']).execute();
			expect(users).toEqual([{ role: 'admin' }]);
			expect(['星河汽车', '另一家公司']).toContain(await companyName(db));
			await expect(completeSetup(db, setup('admin3'))).rejects.toBeInstanceOf(SetupClosedError);
		});

		it('stores an argon2id hash, never the password', async () => {
			const row = await db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
			expect(row.password_hash).toMatch(/^\$argon2id\$/);
			expect(row.password_hash).not.toContain('correct horse');
		});

		it('refuses a taken username or agent code with the field that clashes', async () => {
			const base = { displayName: 'A', password: 'a long enough password', role: 'agent' as const, locale: 'zh-CN' as const };
			expect(await createUser(db, { ...base, username: 'agent1', agentCode: '1024' })).toMatchObject({ ok: true });
			expect(await createUser(db, { ...base, username: 'agent1', agentCode: '2048' })).toEqual({ ok: false, field: 'username', error: 'taken' });
			expect(await createUser(db, { ...base, username: 'agent2', agentCode: '1024' })).toEqual({ ok: false, field: 'agentCode', error: 'taken' });
		});

		it('authenticates, and answers the same for a wrong password and an unknown user', async () => {
			expect(await authenticate(db, 'ADMIN ', 'correct horse battery', '10.0.0.1')).toMatchObject({ ok: true });
			expect(await authenticate(db, 'admin', 'wrong', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
			expect(await authenticate(db, 'nobody', 'wrong', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
		});
	});

	describe(`${dialect.name}: sessions`, () => {
		let db: Db;
		let userId: string;
		beforeAll(async () => {
			db = await dialect.open();
			userId = await completeSetup(db, setup('admin'));
		});
		afterAll(async () => {
			await db.destroy();
		});

		const t0 = new Date('2026-03-02T01:00:00Z');
		const later = (ms: number) => new Date(t0.getTime() + ms);
		const HOUR = 3_600_000;

		it('stores only the hash of the token', async () => {
			const { token } = await createSession(db, userId, t0);
			const rows = await db.selectFrom('sessions').select('id').execute();
			expect(rows.some((r) => r.id === token)).toBe(false);
			expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
			expect(await validateSession(db, token, t0)).toMatchObject({ id: userId, role: 'admin', username: 'admin' });
			expect(await validateSession(db, token + 'x', t0)).toBeNull();
		});

		it('ends a session idle for 12 hours, and any session 14 days after sign-in however active', async () => {
			await db.deleteFrom('sessions').execute();
			const idle = await createSession(db, userId, t0);
			expect(await validateSession(db, idle.token, later(11 * HOUR))).not.toBeNull();
			// Used at 11 h, so still alive at 22 h; then idle 12 h more.
			expect(await validateSession(db, idle.token, later(22 * HOUR))).not.toBeNull();
			expect(await validateSession(db, idle.token, later(34 * HOUR))).toBeNull();

			const busy = await createSession(db, userId, t0);
			for (let h = 10; h < 14 * 24; h += 10) expect(await validateSession(db, busy.token, later(h * HOUR))).not.toBeNull();
			expect(await validateSession(db, busy.token, later(14 * 24 * HOUR))).toBeNull();
			expect(await db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
		});

		it('signs out, and a disabled user is signed out everywhere', async () => {
			const first = await createSession(db, userId, t0);
			await deleteSession(db, first.token);
			expect(await validateSession(db, first.token, t0)).toBeNull();
			const second = await createSession(db, userId, t0);
			await db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', userId).execute();
			expect(await validateSession(db, second.token, t0)).toBeNull();
		});
	});
}
