import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { askedQuestions, positionBefore, progressAt, suggestedOutcome } from '$lib/domain/calls/script';
import { MAX_OPTIONS, MAX_TEXT } from '$lib/domain/questionnaire/definition';
import { localize, type Localized } from '$lib/domain/locale';
import { pipe } from '$lib/domain/questionnaire/piping';
import { getDb } from '$lib/server/db';
import { fieldErrors, formLists, parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { companyName } from '$lib/server/users/service';
import { advance, answerQuestion, finishCall, getCall, giveConsent, goBack, goToQuestion, wasReleased } from '$lib/server/calls/service';
import { listDispositions } from '$lib/server/calls/dispositions';
import { addContactNote, contactHistory } from '$lib/server/calls/history';
import { dialScheme } from '$lib/server/calls/settings';
import { timeZone } from '$lib/server/config';
import { clockNow } from '$lib/server/calls/queue';
import { dispositionLabel } from '$lib/domain/calls/dispositions';
import { endingSchema, toAppointment } from '$lib/domain/calls/ending';
import { todayIn, timeIn } from '$lib/domain/scheduling/dates';
import { callNoteSchema, callNotes, openCaseForCall, saveCallNote } from '$lib/server/follow-ups/call-side';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requirePermission(locals, url, 'makeCalls');
	const db = getDb();
	const call = await getCall(db, params.id, user.id);
	if (!call) throw error(404, 'not_found');
	const locale = locals.locale;
	const definition = call.version.definition;
	const [company, dispositions, history, scheme] = await Promise.all([
		companyName(db),
		listDispositions(db),
		call.contactId ? contactHistory(db, call.contactId, call.id, locale) : null,
		dialScheme(db)
	]);
	const zone = call.contactTimeZone ?? timeZone();
	const now = clockNow(zone).now;
	// A call from the queue also pipes the contact's attributes ({contact.car_model} …).
	const values = { ...call.pipe, 'customer.name': call.customerName, 'agent.code': user.agentCode, 'company.name': company };
	const say = (text: Localized) => pipe(localize(text, locale), values, locale);
	const onQuestion = call.step === 'questions';
	const [caseNotes, openCase] = await Promise.all([callNotes(db, call.id, user.id), openCaseForCall(db, call.id, user.id)]);
	return {
		caseNotes,
		openCase: openCase && {
			state: openCase.state,
			openedAt: new Date(openCase.opened_at).toISOString(),
			problem: openCase.first_item ? localize(openCase.first_item as Localized, locale) : null
		},
		call: {
			id: call.id,
			customerName: call.customerName,
			customerPhone: call.customerPhone,
			step: call.step,
			position: call.position,
			outcome: call.outcome,
			note: call.note,
			title: call.version.title,
			answers: Object.fromEntries(call.answers),
			// What the logic leads to, decided here: the page never works out which question comes next.
			asked: askedQuestions(definition, call.answers).map((q) => q.id),
			progress: onQuestion ? progressAt(definition, call.answers, call.position) : null,
			canGoBack:
				call.step === 'recap' || (onQuestion && positionBefore(definition, call.answers, call.position) !== null),
			suggestedOutcome: suggestedOutcome(definition, call.answers),
			released: call.releasedAt !== null,
			resumed: call.resumed,
			noVoicemail: call.noVoicemail,
			fromQueue: call.campaignContactId !== null,
			outcomeLabel: dispositions.find((d) => d.key === call.outcome) ? dispositionLabel(dispositions.find((d) => d.key === call.outcome)!, locale) : null
		},
		dispositions: dispositions
			.filter((d) => !d.system)
			.map((d) => ({ key: d.key, label: dispositionLabel(d, locale), effect: d.effect, noteRequired: d.noteRequired })),
		history,
		dial: `${scheme}:${call.customerPhone.replace(/[^\d+]/g, '')}`,
		customerClock: { zone, today: todayIn(zone, now), time: timeIn(zone, now) },
		agentCode: user.agentCode ?? '—',
		company,
		questions: definition.questions.map((q) => ({
			id: q.id,
			kind: q.kind,
			required: q.required,
			text: say(q.text),
			spoken: say(q.kind === 'key' ? q.agentText : q.text),
			help: q.help ? say(q.help) : null,
			preparedResponse: q.kind === 'key' ? say(q.preparedResponse) : null,
			options: q.kind === 'single' || q.kind === 'multiple' ? q.options.map((o) => ({ id: o.id, text: say(o.text) })) : [],
			allowOther: (q.kind === 'single' || q.kind === 'multiple') && q.allowOther
		}))
	};
};

/** The first problem of a refused answer post, as a message key. */
function firstError(e: z.ZodError): string {
	return Object.values(fieldErrors(e))[0] ?? 'invalid';
}

function agent(event: RequestEvent) {
	return requirePermission(event.locals, event.url, 'makeCalls');
}

/** The call is not open for this agent: released while idle (say so), else not found. */
async function gone(event: RequestEvent, agentId: string) {
	if (await wasReleased(getDb(), event.params.id, agentId)) return fail(409, { errors: { answer: 'floor_released' }, values: {} });
	throw error(404, 'not_found');
}

const answerSchema = z.object({
	questionId: z.string().max(40),
	// A multiple-choice question posts one value per ticked option.
	value: z.array(z.string().max(MAX_TEXT, 'too_long')).max(MAX_OPTIONS + 1, 'invalid'),
	otherText: z.string().max(MAX_TEXT, 'too_long')
});
const gotoSchema = z.object({ questionId: z.string().max(40) });
const contactNoteSchema = z.object({ text: z.string().trim().min(1, 'required').max(500, 'too_long') });

export const actions: Actions = {
	caseNote: async (event) => {
		const user = agent(event);
		const form = await parseForm(event.request, callNoteSchema);
		if (!form.ok) return fail(400, { errors: { caseNote: Object.values(form.failure.data.errors)[0] ?? 'invalid' }, values: {} });
		if (!(await saveCallNote(getDb(), event.params.id, user.id, form.data.questionId, form.data.note))) throw error(404, 'not_found');
	},
	consent: async (event) => {
		const user = agent(event);
		if (!(await giveConsent(getDb(), event.params.id, user.id))) return gone(event, user.id);
	},
	answer: async (event) => {
		const user = agent(event);
		let fields: Record<string, string[]>;
		try {
			fields = formLists(await event.request.formData());
		} catch {
			return fail(400, { errors: { answer: 'invalid' }, values: {} });
		}
		const form = answerSchema.safeParse({
			questionId: fields.questionId?.[0] ?? '',
			value: fields.value ?? [],
			otherText: fields.otherText?.[0] ?? ''
		});
		const values = { otherText: fields.otherText?.[0] ?? '' };
		if (!form.success) return fail(400, { errors: { answer: firstError(form.error) }, values });
		const { questionId, value, otherText } = form.data;
		const result = await answerQuestion(getDb(), event.params.id, user.id, questionId, value, otherText);
		if (!result.ok) {
			if (result.error === 'not_found') return gone(event, user.id);
			return fail(400, { errors: { answer: result.error }, values });
		}
	},
	next: async (event) => {
		const user = agent(event);
		const result = await advance(getDb(), event.params.id, user.id);
		if (!result.ok) {
			if (result.error === 'not_found') return gone(event, user.id);
			return fail(400, { errors: { answer: result.error }, values: {} });
		}
	},
	back: async (event) => {
		const user = agent(event);
		if (!(await goBack(getDb(), event.params.id, user.id))) return gone(event, user.id);
	},
	goto: async (event) => {
		const user = agent(event);
		const form = await parseForm(event.request, gotoSchema);
		if (!form.ok) return form.failure;
		if (!(await goToQuestion(getDb(), event.params.id, user.id, form.data.questionId))) return gone(event, user.id);
	},
	contactNote: async (event) => {
		const user = agent(event);
		const form = await parseForm(event.request, contactNoteSchema);
		if (!form.ok) return form.failure;
		const db = getDb();
		const call = await getCall(db, event.params.id, user.id);
		if (!call?.contactId) throw error(404, 'not_found');
		await addContactNote(db, call.contactId, user.id, form.data.text, clockNow(timeZone()).now);
	},
	finish: async (event) => {
		const user = agent(event);
		const form = await parseForm(event.request, endingSchema);
		if (!form.ok) return form.failure;
		const db = getDb();
		const call = await getCall(db, event.params.id, user.id);
		if (!call) throw error(404, 'not_found');
		const clock = clockNow(timeZone());
		const zone = call.contactTimeZone ?? clock.timeZone;
		const appointment = toAppointment(form.data, zone, todayIn(zone, clock.now), timeIn(zone, clock.now));
		const result = await finishCall(db, event.params.id, user.id, form.data.outcome, form.data.note, clock, appointment);
		if (!result.ok) {
			if (result.error === 'not_found') return gone(event, user.id);
			if (result.error === 'appointment_invalid') return fail(400, { errors: { appointmentDate: 'floor_appointment_invalid' }, values: form.fields });
			if (result.error === 'note_required') return fail(400, { errors: { note: 'floor_note_required' }, values: form.fields });
			return fail(400, { errors: { outcome: result.error }, values: form.fields });
		}
	}
};
