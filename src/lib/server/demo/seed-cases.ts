import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db';
import { createUser, hasAnyUser } from '../users/service';
import { saveRoute, saveTeam } from '../follow-ups/teams';
import { openCasesForResponse } from '../follow-ups/open';
import { acceptCase, closeWontFix, informCustomer, resolveCase } from '../follow-ups/actions';
import { claimVerification, completeVerification } from '../follow-ups/verification';
import { escalateOverdue } from '../follow-ups/escalation';
import { signOffDay } from '../follow-ups/report';
import { addDays, todayIn } from '../../domain/scheduling/dates';
import { timeZone } from '../config';

const HOUR = 3_600_000;
const NAMES = ['王伟', '李娜', '张敏', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周强', '吴芳', '徐军', '孙悦'];

async function demoUser(db: Db, username: string, displayName: string, role: 'analyst' | 'supervisor' | 'agent', agentCode: string | null) {
	// Demo staff exist as names on cases; nobody signs in as them (random password).
	const created = await createUser(db, { username, displayName, password: randomBytes(18).toString('base64url'), role, agentCode, locale: 'zh-CN' });
	if (created.ok) return created.id;
	return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/**
 * Follow-up cases over the demo's days, in every state: two teams routed by cause,
 * customers for a sample of the responses with a "no", and each case walked as far
 * as its age allows (accepted, resolved, informed, verified or reopened, won't fix,
 * some left overdue), through the same services the pages use, with moved clocks.
 */
export async function seedCases(db: Db, opts: { rand: () => number; now: Date; days: number; cases?: number }): Promise<number> {
	const { rand, now } = opts;
	// Demo staff would close /setup (it is open only while no user exists): seed cases only after setup.
	if (!(await hasAnyUser(db))) {
		console.log('seed:demo: no follow-up cases seeded; create the administrator at /setup first, then seed again');
		return 0;
	}
	const handlers = [await demoUser(db, 'demo.handler1', '韩梅', 'analyst', null), await demoUser(db, 'demo.handler2', '李雷', 'analyst', null)];
	const supervisor = await demoUser(db, 'demo.supervisor', '高主管', 'supervisor', null);
	const agent = await demoUser(db, 'demo.verifier', '质检坐席', 'agent', '9001');
	const service = await saveTeam(db, { name: '客服中心 Service desk', leadId: handlers[0]!, memberIds: handlers });
	const parts = await saveTeam(db, { name: '技术与配件 Technical & parts', leadId: handlers[1]!, memberIds: handlers });
	for (const cause of ['service', 'other'] as const) await saveRoute(db, { cause, teamId: service, assignment: 'round_robin', firstActionHours: 24, resolveHours: 72 });
	for (const cause of ['quality', 'supply', 'price'] as const) await saveRoute(db, { cause, teamId: parts, assignment: 'round_robin', firstActionHours: 24, resolveHours: 72 });

	const withNo = await db
		.selectFrom('responses as r')
		.select(['r.id', 'r.submitted_at'])
		.where((eb) => eb.exists(eb.selectFrom('answers as a').select('a.question_id').whereRef('a.response_id', '=', 'r.id').where('a.yes_no', '=', false)))
		.where('r.contact_id', 'is', null)
		.orderBy('r.submitted_at')
		.execute();
	const wanted = Math.min(opts.cases ?? 240, withNo.length);
	const step = withNo.length / Math.max(wanted, 1);
	let opened = 0;
	for (let i = 0; i < wanted; i++) {
		const r = withNo[Math.floor(i * step)]!;
		const at = new Date(r.submitted_at!);
		const name = NAMES[Math.floor(rand() * NAMES.length)]! + String(i + 1);
		const contact = await db
			.insertInto('contacts')
			.values({ name, phone: `+86139${String(10_000_000 + i)}`, tier: rand() < 0.2 ? 'A' : rand() < 0.6 ? 'B' : 'C', attributes: '{}' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.updateTable('responses').set({ contact_id: contact.id }).where('id', '=', r.id).execute();
		const caseId = await db.transaction().execute((trx) => openCasesForResponse(trx, r.id, at));
		if (!caseId) continue;
		opened++;
		const owner = (await db.selectFrom('follow_ups').select('owner_id').where('id', '=', caseId).executeTakeFirstOrThrow()).owner_id!;
		const me = { id: owner, role: 'analyst' as const };
		const ageDays = (now.getTime() - at.getTime()) / (24 * HOUR);
		const roll = rand();
		// Young cases are still being worked on; a few stay untouched to show as overdue.
		const t = (hours: number) => new Date(Math.min(at.getTime() + hours * HOUR, now.getTime() - HOUR));
		if (ageDays < 1 || roll < 0.06) continue;
		await acceptCase(db, caseId, me, t(2 + rand() * 20));
		if (ageDays < 2 || roll < 0.12) continue;
		if (roll > 0.95) {
			await closeWontFix(db, caseId, { id: supervisor, role: 'supervisor' }, '客户要求超出保修范围 / Outside the warranty', t(40));
			continue;
		}
		await resolveCase(db, caseId, me, '已联系客户并安排处理 / Contacted the customer and fixed it', t(24 + rand() * 60));
		if (ageDays < 3 || roll < 0.2) continue;
		await informCustomer(db, caseId, me, { how: rand() < 0.7 ? 'phone' : 'sms', text: '已电话告知处理结果 / Told the outcome', when: t(90) }, t(90));
		if (ageDays < 7) continue;
		let v = await claimVerification(db, agent, t(170));
		if (!v) continue;
		const items = await db.selectFrom('follow_up_items').select('id').where('follow_up_id', '=', caseId).execute();
		const reopen = roll < 0.32;
		await completeVerification(
			db,
			v,
			agent,
			{ items: Object.fromEntries(items.map((it) => [it.id, !reopen])), satisfied: !reopen, words: reopen ? '问题还没有解决 / Still not solved' : '' },
			t(170)
		);
		if (!reopen || ageDays < 14) continue;
		await resolveCase(db, caseId, me, '再次上门处理 / Second visit', t(220));
		await informCustomer(db, caseId, me, { how: 'phone', text: '再次告知 / Told again', when: t(230) }, t(230));
		v = await claimVerification(db, agent, t(310));
		if (v) await completeVerification(db, v, agent, { items: Object.fromEntries(items.map((it) => [it.id, true])), satisfied: true, words: '' }, t(310));
	}
	await escalateOverdue(db, now);
	// Days before yesterday are signed off; the last two stay pending for the supervisor.
	const today = todayIn(timeZone(), now);
	for (let d = 2; d <= Math.min(opts.days, 30); d++) {
		await signOffDay(db, addDays(today, -d), supervisor, '已审阅 / Reviewed', new Date(now.getTime() - (d - 1) * 24 * HOUR));
	}
	await sql`analyze follow_ups`.execute(db);
	return opened;
}
