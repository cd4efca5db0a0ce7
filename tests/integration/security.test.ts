import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from './setup';
import { KEY_IDS, makeUser, publishedQuestionnaire, yes } from './fixtures';
import type { Db } from '$lib/server/db';
import { latestVersion, setArchived, setOpen } from '$lib/server/questionnaires/service';
import { startCall } from '$lib/server/calls/service';
import { clientHash, TooManyResponsesError } from '$lib/server/responses/open-links';
import { pruneAbandonedProgress, saveProgress } from '$lib/server/responses/progress';
import { authenticate, createUser } from '$lib/server/users/service';
import { changeOwnPassword, resetPassword, setDisabled, signOutEverywhere, updateUser } from '$lib/server/users/lifecycle';
import { createSession, listSessions, pruneSessions, validateSession } from '$lib/server/auth/sessions';
import { recordAudit } from '$lib/server/audit/service';
import { AUDIT_PAGE_SIZE, listAudit } from '$lib/server/audit/queries';
import { securityJobs } from '$lib/server/jobs/periodic/security';

const t0 = new Date('2026-03-02T03:00:00Z');
const DAY = 86_400_000;
const count = async (db: Db, table: 'responses' | 'sessions' | 'audit_log' | 'users') =>
	Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: security holes`, { timeout: 120_000 }, () => {
		let db: Db;
		let questionnaireId: string;
		let versionId: string;
		beforeAll(async () => {
			db = await dialect.open();
			questionnaireId = (await publishedQuestionnaire(db)).id;
			versionId = (await latestVersion(db, questionnaireId))!.versionId;
		}, 240_000);
		afterAll(async () => {
			await db.destroy();
		});

		it('hole 3: "continue later" on an open link obeys the per-network hourly limit, even when posted at once', async () => {
			const sender = { clientHash: clientHash(questionnaireId, '203.0.113.3'), hourlyLimit: 5 };
			const keep = () => saveProgress(db, { questionnaireId, versionId, submissionId: crypto.randomUUID(), answers: [yes(KEY_IDS[0])] }, sender);
			const results = await Promise.allSettled(Array.from({ length: 25 }, keep));
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
			for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(TooManyResponsesError);
			const kept = await db.selectFrom('responses').select('id').where('client_hash', '=', sender.clientHash).execute();
			expect(kept).toHaveLength(5);
			// Another network is counted on its own.
			const other = { clientHash: clientHash(questionnaireId, '198.51.100.3'), hourlyLimit: 5 };
			expect(await saveProgress(db, { questionnaireId, versionId, submissionId: crypto.randomUUID(), answers: [] }, other)).toBe(true);
		});

		it('hole 3: kept open-link answers nobody resumed are removed after 30 days (periodic job, moved clock)', async () => {
			const before = await count(db, 'responses');
			expect(before).toBeGreaterThan(0);
			expect(await pruneAbandonedProgress(db, new Date(Date.now() + 29 * DAY))).toBe(0);
			const job = securityJobs.find((j) => j.name === 'security-prune-abandoned-progress')!;
			expect(await job.run(db, new Date(Date.now() + 31 * DAY))).toBe(6);
			expect(await count(db, 'responses')).toBe(before - 6);
		});

		it('hole 6: an agent cannot start a call on a closed or archived questionnaire by posting its id', async () => {
			const agentId = await makeUser(db, 'agent');
			const call = { questionnaireId, agentId, customerName: '张先生', customerPhone: '+8613800138000' };
			expect(await startCall(db, call)).toEqual(expect.any(String));
			await setOpen(db, questionnaireId, false);
			expect(await startCall(db, call)).toBeNull();
			await setArchived(db, questionnaireId, true);
			expect(await startCall(db, call)).toBeNull();
			await setArchived(db, questionnaireId, false);
			await setOpen(db, questionnaireId, true);
			expect(await startCall(db, call)).toEqual(expect.any(String));
		});

		it('hole 9: refuses a common password and one containing the username, and stores nothing', async () => {
			const base = { displayName: '李四', role: 'analyst' as const, agentCode: null, locale: 'zh-CN' as const };
			const users = await count(db, 'users');
			expect(await createUser(db, { ...base, username: 'lisi', password: '1234567890' })).toEqual({ ok: false, field: 'password', error: 'sec_password_common' });
			expect(await createUser(db, { ...base, username: 'lisi', password: 'Qwertyuiop' })).toEqual({ ok: false, field: 'password', error: 'sec_password_common' });
			expect(await createUser(db, { ...base, username: 'zhangwei', password: 'my-zhangwei-2026' })).toEqual({ ok: false, field: 'password', error: 'sec_password_contains_username' });
			expect(await count(db, 'users')).toBe(users);
			expect(await createUser(db, { ...base, username: 'lisi', password: 'plum orchard 42' })).toMatchObject({ ok: true });
		});
	});

	describe(`${dialect.name}: audit log`, { timeout: 120_000 }, () => {
		let db: Db;
		let adminId: string;
		beforeAll(async () => {
			db = await dialect.open();
			adminId = await makeUser(db, 'admin');
		}, 240_000);
		afterAll(async () => {
			await db.destroy();
		});

		it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
			await recordAudit(db, { actorId: adminId, action: 'links_exported', targetType: 'campaign', targetId: 'c1', detail: { links: 3 } });
			await expect(sql`update audit_log set action = 'sign_in'`.execute(db)).rejects.toThrow(/append-only/);
			await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
			await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
			const row = await db.selectFrom('audit_log').selectAll().where('action', '=', 'links_exported').executeTakeFirstOrThrow();
			expect(row).toMatchObject({ actor_id: adminId, target_type: 'campaign', target_id: 'c1', detail: { links: 3 } });
			expect(row.actor_name).toMatch(/_admin$/);
		});

		it('writes an entry inside the caller’s transaction: rolled back with it', async () => {
			const before = await count(db, 'audit_log');
			await expect(
				db.transaction().execute(async (trx) => {
					await recordAudit(trx, { actorId: adminId, action: 'responses_exported' });
					throw new Error('export failed');
				})
			).rejects.toThrow('export failed');
			expect(await count(db, 'audit_log')).toBe(before);
		});

		it('filters by who, what and when, newest first, in pages', async () => {
			for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) await recordAudit(db, { actorId: null, action: 'sign_in_failed', detail: { username: `x${i}` } });
			const first = await listAudit(db, { action: 'sign_in_failed', timeZone: 'Asia/Shanghai' });
			expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
			expect(first.more).toBe(true);
			expect(first.entries[0]!.detail).toEqual({ username: `x${AUDIT_PAGE_SIZE + 4}` });
			const second = await listAudit(db, { action: 'sign_in_failed', before: first.entries.at(-1)!.id, timeZone: 'Asia/Shanghai' });
			expect(second.entries).toHaveLength(5);
			expect(second.more).toBe(false);
			const mine = await listAudit(db, { actor: (await db.selectFrom('users').select('username').where('id', '=', adminId).executeTakeFirstOrThrow()).username, timeZone: 'Asia/Shanghai' });
			expect(mine.entries.map((e) => e.action)).toContain('links_exported');
			expect(mine.entries.every((e) => e.action !== 'sign_in_failed')).toBe(true);
			expect((await listAudit(db, { from: '2001-01-01', to: '2001-01-02', timeZone: 'Asia/Shanghai' })).entries).toEqual([]);
			expect((await listAudit(db, { from: '2001-01-01', timeZone: 'Asia/Shanghai' })).entries.length).toBeGreaterThan(0);
		});
	});

	describe(`${dialect.name}: account lifecycle`, { timeout: 120_000 }, () => {
		let db: Db;
		let adminId: string;
		let agentId: string;
		const agent = { username: 'zhao', password: 'river lantern 77' };
		beforeAll(async () => {
			db = await dialect.open();
			adminId = await makeUser(db, 'admin');
			const created = await createUser(db, { ...agent, displayName: '赵坐席', role: 'agent', agentCode: '7001', locale: 'zh-CN' }, adminId);
			agentId = created.ok ? created.id : '';
		}, 240_000);
		afterAll(async () => {
			await db.destroy();
		});

		it('disabling a user ends their sessions at once; enabling lets them sign in again', async () => {
			const a = await createSession(db, agentId, t0);
			const b = await createSession(db, agentId, t0);
			expect(await setDisabled(db, adminId, agentId, true, t0)).toBe(true);
			expect(await validateSession(db, a.token, t0)).toBeNull();
			expect(await validateSession(db, b.token, t0)).toBeNull();
			expect(await authenticate(db, agent.username, agent.password, '10.0.0.5', t0)).toEqual({ ok: false, reason: 'invalid' });
			expect(await setDisabled(db, adminId, adminId, true, t0)).toBe(false);
			expect(await setDisabled(db, adminId, agentId, false, t0)).toBe(true);
			expect(await authenticate(db, agent.username, agent.password, '10.0.0.5', new Date(t0.getTime() + 60_000))).toMatchObject({ ok: true });
			const actions = (await db.selectFrom('audit_log').select('action').where('target_id', '=', agentId).execute()).map((r) => r.action);
			expect(actions).toEqual(expect.arrayContaining(['user_created', 'user_disabled', 'user_enabled']));
		});

		it('changes role and agent code, auditing the role change; a taken agent code is refused', async () => {
			const other = await makeUser(db, 'agent');
			const otherCode = (await db.selectFrom('users').select('agent_code').where('id', '=', other).executeTakeFirstOrThrow()).agent_code;
			expect(await updateUser(db, adminId, agentId, { role: 'supervisor', agentCode: '7002' })).toEqual({ ok: true });
			expect(await updateUser(db, adminId, agentId, { role: 'supervisor', agentCode: otherCode })).toEqual({ ok: false, field: 'agentCode', error: 'taken' });
			expect(await db.selectFrom('users').select(['role', 'agent_code']).where('id', '=', agentId).executeTakeFirstOrThrow()).toEqual({ role: 'supervisor', agent_code: '7002' });
			const change = await db.selectFrom('audit_log').select('detail').where('action', '=', 'role_changed').executeTakeFirstOrThrow();
			expect(change.detail).toEqual({ from: 'agent', to: 'supervisor' });
		});

		it('a reset gives a temporary password that signs in once and must be changed; the change ends other sessions', async () => {
			const old = await createSession(db, agentId, t0);
			const temporary = (await resetPassword(db, adminId, agentId))!;
			expect(temporary).toMatch(/^[a-z2-9]{16}$/);
			expect(await validateSession(db, old.token, t0)).toBeNull();
			const at = new Date(t0.getTime() + 120_000);
			expect(await authenticate(db, agent.username, agent.password, '10.0.0.6', at)).toEqual({ ok: false, reason: 'invalid' });
			expect(await authenticate(db, agent.username, temporary, '10.0.0.6', at)).toMatchObject({ ok: true, mustChangePassword: true });
			const here = await createSession(db, agentId, at);
			const elsewhere = await createSession(db, agentId, at);
			const me = (await validateSession(db, here.token, at))!;
			expect(me.mustChangePassword).toBe(true);
			expect(await changeOwnPassword(db, me, 'not it', 'velvet harbour 12')).toEqual({ ok: false, field: 'currentPassword', error: 'sec_password_wrong' });
			expect(await changeOwnPassword(db, me, temporary, 'password123')).toEqual({ ok: false, field: 'newPassword', error: 'sec_password_common' });
			expect(await changeOwnPassword(db, me, temporary, 'velvet harbour 12')).toEqual({ ok: true });
			expect((await validateSession(db, here.token, at))?.mustChangePassword).toBe(false);
			expect(await validateSession(db, elsewhere.token, at)).toBeNull();
			expect(await authenticate(db, agent.username, 'velvet harbour 12', '10.0.0.6', new Date(at.getTime() + 60_000))).toMatchObject({ ok: true, mustChangePassword: false });
		});

		it('lists one’s own sessions and signs out everywhere', async () => {
			await createSession(db, agentId, t0, 'Mozilla/5.0 (Windows NT 10.0) Chrome/130');
			const listed = await listSessions(db, agentId, t0);
			expect(listed.some((s) => s.user_agent?.includes('Chrome/130'))).toBe(true);
			await signOutEverywhere(db, agentId);
			expect(await listSessions(db, agentId, t0)).toEqual([]);
		});

		it('housekeeping prunes expired and idle sessions only (moved clock)', async () => {
			await db.deleteFrom('sessions').execute();
			const fresh = await createSession(db, adminId, new Date(t0.getTime() + 13 * 3_600_000));
			await createSession(db, adminId, t0);
			const job = securityJobs.find((j) => j.name === 'security-prune-sessions')!;
			expect(await job.run(db, new Date(t0.getTime() + 12 * 3_600_000 + 1))).toBe(1);
			expect(await pruneSessions(db, new Date(t0.getTime() + 13 * 3_600_000))).toBe(0);
			expect(await validateSession(db, fresh.token, new Date(t0.getTime() + 14 * 3_600_000))).not.toBeNull();
		});
	});
}
