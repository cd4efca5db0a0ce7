import type { Db } from '../db';
import { createUser } from '../users/service';
import { changeStatus, createCampaign } from '../campaigns/service';
import { campaignFormSchema } from '../../domain/scheduling/campaign-rules';
import { claimNext, type Clock } from '../calls/queue';
import { answerQuestion, finishCall, giveConsent } from '../calls/service';
import { latestVersion } from '../questionnaires/service';
import { addDays, todayIn, zonedInstant } from '../../domain/scheduling/dates';
import { TYPICAL_CALLING_HOURS, weekdayOf } from '../../domain/scheduling/calling-hours';
import { saveHours } from '../calls/calling-hours';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '艳', '军', '杰', '涛'];
/** How demo calls end, weighted roughly as a satisfaction-callback floor sees them. */
const OUTCOMES: [string, number][] = [
	['completed', 30],
	['no_answer', 20],
	['busy', 8],
	['voicemail_left', 6],
	['voicemail_not_left', 4],
	['call_back_later', 10],
	['refused_soft', 5],
	['refused', 4],
	['partial', 3],
	['wrong_number', 3],
	['wrong_person', 2],
	['language_barrier', 1],
	['supervisor_review', 2]
];

function pick(rand: () => number): string {
	const total = OUTCOMES.reduce((n, [, w]) => n + w, 0);
	let r = rand() * total;
	for (const [key, w] of OUTCOMES) if ((r -= w) < 0) return key;
	return 'completed';
}

/** Demo agents (and a supervisor); they get random passwords: an administrator sets real ones. */
async function demoStaff(db: Db): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 1; i <= 5; i++) {
		const username = i === 5 ? 'demo-supervisor' : `demo-agent${i}`;
		const existing = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
		if (existing) {
			ids.push(existing.id);
			continue;
		}
		const created = await createUser(db, {
			username,
			displayName: i === 5 ? '演示主管' : `演示坐席${i}`,
			password: crypto.randomUUID(),
			role: i === 5 ? 'supervisor' : 'agent',
			agentCode: String(8000 + i),
			locale: 'zh-CN'
		});
		if (created.ok) ids.push(created.id);
	}
	return ids;
}

/**
 * Fills the call floor through the real services: demo agents work a phone campaign
 * over the past week (dispositions of every kind, appointments kept, booked and
 * missed), and two of them are in a call now, so the wallboard, productivity and
 * response-rate pages have something to show.
 */
export async function seedCalls(db: Db, o: { questionnaireId: string; seed: number; now: Date; timeZone: string; rand: () => number }): Promise<{ calls: number }> {
	const { rand, timeZone } = o;
	const staff = await demoStaff(db);
	// The demo floor keeps a typical call centre's hours, so the wallboard shows who is held back and why.
	await saveHours(db, null, TYPICAL_CALLING_HOURS.windows, []);
	const agents = staff.slice(0, 4);
	const today = todayIn(timeZone, o.now);
	const industry = `demo-calls-${o.seed}`;
	const contacts = Array.from({ length: 160 }, (_, i) => ({
		name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(rand() * GIVEN.length)]}${i % 3 === 0 ? '' : GIVEN[i % GIVEN.length]}`,
		phone: `+86135${String(o.seed % 1000).padStart(3, '0')}${String(i).padStart(5, '0')}`,
		industry,
		tier: ['A', 'B', 'B', 'C'][i % 4]!,
		event_date: addDays(today, -45 - (i % 10)),
		attributes: '{}'
	}));
	await db.insertInto('contacts').values(contacts).onConflict((oc) => oc.column('phone').doNothing()).execute();
	const form = campaignFormSchema.parse({
		name: '4S 售后电话回访（演示）', questionnaireId: o.questionnaireId, tiers: '', industry, eventFrom: '', eventTo: '',
		delayDays: '30', samplePercent: '100', sampleSeed: String(o.seed), channel: 'phone', phoneAfterDays: '3', linkValidDays: '14'
	});
	const campaignId = await createCampaign(db, form, staff[4] ?? staff[0]!);
	if (!campaignId) return { calls: 0 };
	await changeStatus(db, campaignId, 'launch', addDays(today, -8));
	const definition = (await latestVersion(db, o.questionnaireId))!.definition;

	let calls = 0;
	/** One call by `agent` at `clock`: claimed from the queue, answered as far as the disposition needs, ended. */
	const call = async (agent: string, clock: Clock, outcome: string) => {
		const claim = await claimNext(db, agent, clock);
		if (!claim) return false;
		const id = claim.callId;
		if (outcome === 'completed' || outcome === 'partial') {
			await giveConsent(db, id, agent);
			const asked = definition.questions.filter((q) => q.kind !== 'section');
			for (const [i, q] of asked.entries()) {
				if (outcome === 'partial' && i >= 2) break;
				const value = q.kind === 'key' ? (rand() < 0.8 ? 'yes' : 'no') : q.kind === 'rating' ? String(3 + Math.floor(rand() * 3)) : q.kind === 'nps' ? String(6 + Math.floor(rand() * 5)) : null;
				if (value) await answerQuestion(db, id, agent, q.id, value);
			}
		}
		const end = { ...clock, now: new Date(clock.now.getTime() + (2 + Math.floor(rand() * 6)) * 60_000) };
		const note = outcome === 'supervisor_review' ? '客户投诉维修质量，请主管回电' : outcome === 'call_back_later' ? '客户在开车，约好再打' : null;
		const booked =
			outcome === 'call_back_later'
				? (() => {
						const startsAt = new Date(end.now.getTime() + (1 + Math.floor(rand() * 30)) * 3_600_000);
						return { startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), withMeOnly: rand() < 0.3 };
					})()
				: null;
		const result = await finishCall(db, id, agent, outcome, note, end, booked);
		if (result.ok) calls++;
		return result.ok;
	};

	// The past week, working days only, 10:00–11:30 and 14:00–17:30 on the call centre's clock.
	for (let back = 7; back >= 1; back--) {
		const day = addDays(today, -back);
		if (weekdayOf(day) === 0 || weekdayOf(day) === 6) continue;
		for (const start of ['10:00', '14:00']) {
			let at = zonedInstant(day, start, timeZone).getTime();
			const stop = at + (start === '10:00' ? 90 : 210) * 60_000;
			for (; at < stop; at += 9 * 60_000) {
				const agent = agents[Math.floor(rand() * agents.length)]!;
				await call(agent, { now: new Date(at), timeZone }, pick(rand));
			}
		}
	}
	// Two agents in a call right now.
	for (const agent of agents.slice(0, 2)) {
		const claim = await claimNext(db, agent, { now: new Date(o.now.getTime() - 3 * 60_000), timeZone });
		if (claim && !claim.resumed) {
			await giveConsent(db, claim.callId, agent);
			const first = definition.questions.find((q) => q.kind === 'key');
			if (first) await answerQuestion(db, claim.callId, agent, first.id, 'yes');
		}
	}
	return { calls };
}
