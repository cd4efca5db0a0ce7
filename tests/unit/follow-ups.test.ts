import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	CASE_ACTIONS,
	CASE_STATES,
	TERMINAL_STATES,
	transition,
	type Actor,
	type CaseAction,
	type CaseState
} from '$lib/domain/follow-ups/states';
import { addWorkingHours, caseDeadlines, nextAssignee, DEFAULT_SLA } from '$lib/domain/follow-ups/deadlines';
import { caseItems, routingCause, DEFAULT_CASE_SETTINGS } from '$lib/domain/follow-ups/items';
import type { Definition } from '$lib/domain/questionnaire/definition';
import type { AnswerValue } from '$lib/domain/questionnaire/answers';
import { key, rating, t } from './questionnaire-fixtures';

const owner: Actor = { owner: true, member: true, supervisor: false, verification: false };
const member: Actor = { owner: false, member: true, supervisor: false, verification: false };
const supervisor: Actor = { owner: false, member: false, supervisor: true, verification: false };
const verification: Actor = { owner: false, member: false, supervisor: false, verification: true };
const outsider: Actor = { owner: false, member: false, supervisor: false, verification: false };

describe('case state machine', () => {
	it('walks the happy path and the reopen loop', () => {
		let s: CaseState = 'open';
		const step = (a: CaseAction, actor: Actor) => {
			const r = transition(s, a, actor, true);
			if (!r.ok) throw new Error(`${a} from ${s}: ${r.error}`);
			s = r.to;
		};
		step('accept', owner);
		step('resolve', owner);
		step('inform', owner);
		step('reopen', verification);
		expect(s).toBe('in_progress');
		step('resolve', owner);
		step('inform', owner);
		step('verify', verification);
		expect(s).toBe('verified');
	});

	it('refuses illegal moves and the wrong person', () => {
		expect(transition('open', 'resolve', owner, true)).toEqual({ ok: false, error: 'illegal_move' });
		expect(transition('resolved', 'verify', verification, true)).toEqual({ ok: false, error: 'illegal_move' });
		expect(transition('open', 'wont_fix', owner, true)).toEqual({ ok: false, error: 'not_allowed' });
		expect(transition('informed', 'verify', owner, true)).toEqual({ ok: false, error: 'not_allowed' });
		expect(transition('in_progress', 'resolve', outsider, true)).toEqual({ ok: false, error: 'not_allowed' });
		// A member may take an unowned case, but not someone else's.
		expect(transition('open', 'accept', member, false)).toEqual({ ok: true, to: 'in_progress' });
		expect(transition('open', 'accept', member, true)).toEqual({ ok: false, error: 'not_allowed' });
	});

	const actors = fc.constantFrom(owner, member, supervisor, verification, outsider);
	const action = fc.constantFrom(...CASE_ACTIONS);

	it('no sequence of actions reaches an illegal state or leaves a closed case', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(action, actors, fc.boolean()), { maxLength: 60 }), (steps) => {
				let s: CaseState = 'open';
				let wasInformed = false;
				for (const [a, actor, hasOwner] of steps) {
					const r = transition(s, a, actor, hasOwner);
					if (TERMINAL_STATES.includes(s)) expect(r.ok).toBe(false);
					if (!r.ok) continue;
					expect(CASE_STATES).toContain(r.to);
					// Verified only ever follows "customer informed"; a reopening goes back to work.
					if (r.to === 'verified') expect(s).toBe('informed');
					if (a === 'reopen') expect(r.to).toBe('in_progress');
					if (r.to === 'wont_fix') expect(actor.supervisor).toBe(true);
					if (r.to === 'verified' || a === 'reopen') expect(actor.verification).toBe(true);
					if (s === 'informed') wasInformed = true;
					s = r.to;
				}
				if (s === 'verified') expect(wasInformed).toBe(true);
			})
		);
	});
});

describe('deadlines', () => {
	const zone = 'Asia/Shanghai';
	it('counts 24 hours within the week', () => {
		// Tuesday 10:00 Shanghai → Wednesday 10:00.
		const opened = new Date('2026-12-01T02:00:00Z');
		expect(caseDeadlines(opened, DEFAULT_SLA, { tier: 'B', topTiers: ['A'], factor: 0.5, timeZone: zone })).toEqual({
			firstActionDue: new Date('2026-12-02T02:00:00Z'),
			resolveDue: new Date('2026-12-04T02:00:00Z')
		});
	});

	it('skips the weekend in the team’s zone', () => {
		// Friday 18:00 Shanghai + 24 working hours → Monday 18:00 Shanghai.
		expect(addWorkingHours(new Date('2026-12-04T10:00:00Z'), 24, zone)).toEqual(new Date('2026-12-07T10:00:00Z'));
		// Opened on Saturday: the clock starts on Monday 00:00.
		expect(addWorkingHours(new Date('2026-12-05T04:00:00Z'), 24, zone)).toEqual(new Date('2026-12-07T16:00:00Z'));
		// The same instant is still Friday in New York: no weekend yet there.
		expect(addWorkingHours(new Date('2026-12-05T02:00:00Z'), 2, 'America/New_York')).toEqual(new Date('2026-12-05T04:00:00Z'));
	});

	it('shortens deadlines for top-tier customers', () => {
		const opened = new Date('2026-12-01T02:00:00Z');
		const d = caseDeadlines(opened, DEFAULT_SLA, { tier: 'A', topTiers: ['A'], factor: 0.5, timeZone: zone });
		expect(d.firstActionDue).toEqual(new Date('2026-12-01T14:00:00Z'));
		expect(d.resolveDue).toEqual(new Date('2026-12-02T14:00:00Z'));
	});

	it('never counts a weekend hour, whatever the start', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 200 }), (from, hours) => {
				const due = addWorkingHours(from, hours, zone);
				expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime() + hours * 3_600_000);
				// At most two weekends per five working days are skipped.
				expect(due.getTime() - from.getTime()).toBeLessThanOrEqual((hours + Math.ceil(hours / 120 + 1) * 48) * 3_600_000);
			})
		);
	});
});

describe('routing', () => {
	it('round-robin picks who waited longest, newcomers first', () => {
		expect(
			nextAssignee([
				{ userId: 'b', lastAssignedAt: new Date('2026-01-02') },
				{ userId: 'a', lastAssignedAt: new Date('2026-01-01') }
			])
		).toBe('a');
		expect(
			nextAssignee([
				{ userId: 'b', lastAssignedAt: new Date('2026-01-01') },
				{ userId: 'c', lastAssignedAt: null }
			])
		).toBe('c');
		expect(nextAssignee([])).toBeNull();
	});
});

describe('case items', () => {
	const def: Definition = {
		schemaVersion: 1,
		intro: t('您好'),
		thanks: t('谢谢'),
		questions: [
			key('on_time', { cause: 'service' }),
			{ id: 'on_time_why', kind: 'text', required: false, text: t('为什么？'), showIf: { question: 'on_time', anyOf: ['no'] } },
			key('price_ok', { cause: 'price' }),
			rating('overall'),
			{ id: 'nps', kind: 'nps', required: true, text: t('推荐？') }
		]
	} as Definition;
	const a = (questionId: string, v: Partial<AnswerValue>): [string, AnswerValue] => [
		questionId,
		{ questionId, yesNo: null, number: null, choices: null, text: null, ...v }
	];
	const answers = new Map([
		a('on_time', { yesNo: false }),
		a('on_time_why', { text: ' the part was missing twice ' }),
		a('price_ok', { yesNo: true }),
		a('overall', { number: 2 }),
		a('nps', { number: 5 })
	]);

	it('one item per "no", with its cause and the customer’s why', () => {
		const items = caseItems(def, answers, DEFAULT_CASE_SETTINGS);
		expect(items.map((i) => [i.questionId, i.cause, i.whyText])).toEqual([['on_time', 'service', 'the part was missing twice']]);
		expect(routingCause(items)).toBe('service');
	});

	it('low ratings and detractors per settings; none when off', () => {
		expect(caseItems(def, answers, { enabled: true, ratingAtMost: 2, npsDetractors: true }).map((i) => i.questionId)).toEqual([
			'on_time',
			'overall',
			'nps'
		]);
		expect(caseItems(def, answers, { enabled: true, ratingAtMost: 1, npsDetractors: false }).map((i) => i.questionId)).toEqual(['on_time']);
		expect(caseItems(def, answers, { enabled: false, ratingAtMost: 5, npsDetractors: true })).toEqual([]);
	});
});
