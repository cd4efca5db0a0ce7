import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './setup';
import { KEY_IDS, makeUser, num, publishedQuestionnaire, yes } from './fixtures';
import type { Db } from '$lib/server/db';
import { latestVersion } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';
import { saveRoute, saveTeam } from '$lib/server/follow-ups/teams';
import { acceptCase, informCustomer, resolveCase } from '$lib/server/follow-ups/actions';
import { escalateOverdue } from '$lib/server/follow-ups/escalation';
import { claimVerification, completeVerification, dueVerificationCount, verificationScript } from '$lib/server/follow-ups/verification';
import { casesJobs } from '$lib/server/jobs/periodic/cases';
import { dailyReport, recentDays, signOffDay } from '$lib/server/follow-ups/report';
import { loopAnalytics } from '$lib/server/follow-ups/analytics';
import { listCases, caseFilterSchema } from '$lib/server/follow-ups/queries';
import { todayIn } from '$lib/domain/scheduling/dates';

const HOUR = 3_600_000;

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: closing the loop`, () => {
		let db: Db;
		let questionnaireId: string;
		let versionId: string;
		let owner: string;
		let agents: string[];
		beforeAll(async () => {
			db = await dialect.open();
			questionnaireId = (await publishedQuestionnaire(db)).id;
			versionId = (await latestVersion(db, questionnaireId))!.versionId;
			owner = await makeUser(db, 'analyst');
			agents = [await makeUser(db, 'agent'), await makeUser(db, 'agent')];
			const teamId = await saveTeam(db, { name: 'Service', leadId: owner, memberIds: [owner] });
			for (const cause of ['service', 'price', 'quality', 'supply', 'other'] as const) {
				await saveRoute(db, { cause, teamId, assignment: 'round_robin', firstActionHours: 24, resolveHours: 72 });
			}
		}, 180_000);
		afterAll(async () => {
			await db.destroy();
		});

		async function newCase(): Promise<{ id: string; opened: Date }> {
			const submissionId = crypto.randomUUID();
			const answers = [...KEY_IDS.map((id) => yes(id, id !== 'received_promptly')), num('overall_satisfaction', 4)];
			await submitWebResponse(db, { questionnaireId, versionId, submissionId, answers });
			const row = await db
				.selectFrom('follow_ups as f')
				.innerJoin('responses as r', 'r.id', 'f.response_id')
				.select(['f.id', 'f.opened_at'])
				.where('r.submission_id', '=', submissionId)
				.executeTakeFirstOrThrow();
			return { id: row.id, opened: new Date(row.opened_at) };
		}
		const escalations = (caseId: string) =>
			db.selectFrom('follow_up_events').select('detail').where('follow_up_id', '=', caseId).where('kind', '=', 'escalated').execute();

		it('escalates each overdue level exactly once with two workers running', async () => {
			const c = await newCase();
			expect(casesJobs.map((j) => j.name)).toContain('cases-escalate-overdue');
			// Well past the resolution deadline (72 working hours, weekends skipped): both levels are due.
			const late = new Date(c.opened.getTime() + 14 * 24 * HOUR);
			await Promise.all([escalateOverdue(db, late), escalateOverdue(db, late), escalateOverdue(db, late)]);
			await escalateOverdue(db, new Date(late.getTime() + HOUR));
			const events = await escalations(c.id);
			expect(events).toHaveLength(1);
			expect(events[0]!.detail).toMatchObject({ level: 'resolution', lead: owner });
			expect((await db.selectFrom('follow_ups').select('escalation').where('id', '=', c.id).executeTakeFirstOrThrow()).escalation).toBe(2);
		});

		it('a case on time is not escalated; a missed first action is, once', async () => {
			const c = await newCase();
			await escalateOverdue(db, new Date(c.opened.getTime() + HOUR));
			expect(await escalations(c.id)).toHaveLength(0);
			const row = await db.selectFrom('follow_ups').select(['first_action_due', 'resolve_due']).where('id', '=', c.id).executeTakeFirstOrThrow();
			const between = new Date((new Date(row.first_action_due).getTime() + new Date(row.resolve_due).getTime()) / 2);
			await Promise.all([escalateOverdue(db, between), escalateOverdue(db, between)]);
			expect((await escalations(c.id)).map((e) => e.detail.level)).toEqual(['first_action']);
		});

		it('verification: a second agent, one claim each, reopen then verify', async () => {
			const c = await newCase();
			const me = { id: owner, role: 'analyst' as const };
			const t0 = new Date(c.opened.getTime() + HOUR);
			expect(await acceptCase(db, c.id, me, t0)).toEqual({ ok: true });
			expect(await resolveCase(db, c.id, me, 'Sent the part', t0)).toEqual({ ok: true });
			expect(await informCustomer(db, c.id, me, { how: 'phone', text: 'Told him', when: t0 }, t0)).toEqual({ ok: true });
			// Not due before three days; the owner never gets it.
			expect(await dueVerificationCount(db, agents[0]!, new Date(t0.getTime() + 2 * 24 * HOUR))).toBe(0);
			const due = new Date(t0.getTime() + 3 * 24 * HOUR);
			expect(await dueVerificationCount(db, owner, due)).toBe(0);
			expect(await dueVerificationCount(db, agents[0]!, due)).toBeGreaterThanOrEqual(1);
			const claims = await Promise.all(agents.map((a) => claimVerification(db, a, due)));
			const won = claims.filter((x): x is string => !!x);
			expect(new Set(won).size).toBe(won.length);
			const mine = claims.findIndex((x) => x !== null);
			const agent = agents[mine]!;
			const vId = claims[mine]!;
			const script = await verificationScript(db, vId, agent);
			expect(script?.items).toHaveLength(1);
			expect(await verificationScript(db, vId, owner)).toBeNull();
			const itemId = script!.items[0]!.id;
			expect(await completeVerification(db, vId, agent, { items: { [itemId]: false }, satisfied: false, words: '' }, due)).toEqual({
				ok: false,
				error: 'words_required'
			});
			expect(
				await completeVerification(db, vId, agent, { items: { [itemId]: false }, satisfied: false, words: 'Still missing' }, due)
			).toEqual({ ok: true, outcome: 'reopened' });
			let row = await db.selectFrom('follow_ups').select(['state', 'reopen_count']).where('id', '=', c.id).executeTakeFirstOrThrow();
			expect(row).toEqual({ state: 'in_progress', reopen_count: 1 });
			// A finished verification cannot be recorded twice.
			expect(await completeVerification(db, vId, agent, { items: { [itemId]: true }, satisfied: true, words: '' }, due)).toEqual({
				ok: false,
				error: 'not_found'
			});

			expect(await resolveCase(db, c.id, me, 'Delivered in person', due)).toEqual({ ok: true });
			expect(await informCustomer(db, c.id, me, { how: 'in_person', text: 'Handed over', when: due }, due)).toEqual({ ok: true });
			const later = new Date(due.getTime() + 3 * 24 * HOUR);
			const v2 = await claimVerification(db, agent, later);
			expect(v2).not.toBeNull();
			expect(await completeVerification(db, v2!, agent, { items: { [itemId]: true }, satisfied: true, words: '' }, later)).toEqual({
				ok: true,
				outcome: 'verified'
			});
			row = await db.selectFrom('follow_ups').select(['state', 'reopen_count']).where('id', '=', c.id).executeTakeFirstOrThrow();
			expect(row).toEqual({ state: 'verified', reopen_count: 1 });
			const kinds = (await db.selectFrom('follow_up_events').select('kind').where('follow_up_id', '=', c.id).orderBy('at').orderBy('id').execute()).map((e) => e.kind);
			expect(kinds.filter((k) => k === 'reopened')).toHaveLength(1);
			expect(kinds.at(-1)).toBe('verified');
		});

		it('the daily report, loop analytics and lists count the story; a day is signed off once', async () => {
			const all = await listCases(db, { id: owner, role: 'analyst' }, caseFilterSchema.parse({ scope: 'all', state: 'verified' }), new Date(), 'Asia/Shanghai');
			expect(all.scope).toBe('team');
			expect(all.rows).toHaveLength(1);
			const verifiedAt = (await db.selectFrom('follow_up_events').select('at').where('kind', '=', 'verified').executeTakeFirstOrThrow()).at;
			const day = todayIn('Asia/Shanghai', new Date(verifiedAt));
			const report = await dailyReport(db, day, 'Asia/Shanghai');
			expect(report.teams).toEqual([expect.objectContaining({ team: 'Service', verified: 1, resolved: 0 })]);
			expect(report.agents).toEqual([expect.objectContaining({ verified: 1 })]);
			const reopenDay = todayIn('Asia/Shanghai', new Date((await db.selectFrom('follow_up_events').select('at').where('kind', '=', 'reopened').executeTakeFirstOrThrow()).at));
			const earlier = await dailyReport(db, reopenDay, 'Asia/Shanghai');
			expect(earlier.flagged.map((f) => f.kind)).toContain('reopened');

			const rows = await loopAnalytics(db, { questionnaireId });
			const service = rows.find((r) => r.cause === 'service')!;
			expect(service.opened).toBe(3);
			expect(service).toMatchObject({ verifiedOrReopened: 1, verifiedFirstTry: 0, reopened: 1, resolved: 1 });
			expect(service.medianFirstActionHours).toBe(1);

			expect(await signOffDay(db, day, owner, 'Reviewed', new Date())).toBe(true);
			expect(await signOffDay(db, day, owner, 'Again', new Date())).toBe(false);
			expect((await dailyReport(db, day, 'Asia/Shanghai')).signoff).toMatchObject({ comment: 'Reviewed' });
			const days = await recentDays(db, day, 3);
			expect(days[0]).toEqual({ day, signed: true });
			expect(days[1]!.signed).toBe(false);
		});
	});
}
