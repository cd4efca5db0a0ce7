import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { CALL_OUTCOMES } from '$lib/domain/calls/outcomes';
import { askedQuestions, positionBefore, progressAt, suggestedOutcome } from '$lib/domain/calls/script';
import { MAX_OPTIONS, MAX_TEXT } from '$lib/domain/questionnaire/definition';
import { localize, type Localized } from '$lib/domain/locale';
import { pipe } from '$lib/domain/questionnaire/piping';
import { getDb } from '$lib/server/db';
import { fieldErrors, formLists, parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { companyName } from '$lib/server/users/service';
import { advance, answerQuestion, finishCall, getCall, giveConsent, goBack, goToQuestion } from '$lib/server/calls/service';
import { callNoteSchema, callNotes, openCaseForCall, saveCallNote } from '$lib/server/follow-ups/call-side';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requirePermission(locals, url, 'makeCalls');
	const db = getDb();
	const call = await getCall(db, params.id, user.id);
	if (!call) throw error(404, 'not_found');
	const locale = locals.locale;
	const definition = call.version.definition;
	const company = await companyName(db);
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
			suggestedOutcome: suggestedOutcome(definition, call.answers)
		},
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

const answerSchema = z.object({
	questionId: z.string().max(40),
	// A multiple-choice question posts one value per ticked option.
	value: z.array(z.string().max(MAX_TEXT, 'too_long')).max(MAX_OPTIONS + 1, 'invalid'),
	otherText: z.string().max(MAX_TEXT, 'too_long')
});
const gotoSchema = z.object({ questionId: z.string().max(40) });
const finishSchema = z.object({
	outcome: z.enum(CALL_OUTCOMES, 'required'),
	note: z
		.string()
		.trim()
		.max(1000, 'too_long')
		.transform((v) => v || null)
});

export const actions: Actions = {
	caseNote: async (event) => {
		const user = agent(event);
		const form = await parseForm(event.request, callNoteSchema);
		if (!form.ok) return fail(400, { errors: { caseNote: Object.values(form.failure.data.errors)[0] ?? 'invalid' }, values: {} });
		if (!(await saveCallNote(getDb(), event.params.id, user.id, form.data.questionId, form.data.note))) throw error(404, 'not_found');
	},
	consent: async (event) => {
		if (!(await giveConsent(getDb(), event.params.id, agent(event).id))) throw error(404, 'not_found');
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
			if (result.error === 'not_found') throw error(404, 'not_found');
			return fail(400, { errors: { answer: result.error }, values });
		}
	},
	next: async (event) => {
		const result = await advance(getDb(), event.params.id, agent(event).id);
		if (!result.ok) {
			if (result.error === 'not_found') throw error(404, 'not_found');
			return fail(400, { errors: { answer: result.error }, values: {} });
		}
	},
	back: async (event) => {
		if (!(await goBack(getDb(), event.params.id, agent(event).id))) throw error(404, 'not_found');
	},
	goto: async (event) => {
		const user = agent(event);
		const form = await parseForm(event.request, gotoSchema);
		if (!form.ok) return form.failure;
		if (!(await goToQuestion(getDb(), event.params.id, user.id, form.data.questionId))) throw error(404, 'not_found');
	},
	finish: async (event) => {
		const user = agent(event);
		const form = await parseForm(event.request, finishSchema);
		if (!form.ok) return form.failure;
		const result = await finishCall(getDb(), event.params.id, user.id, form.data.outcome, form.data.note);
		if (!result.ok) {
			if (result.error === 'not_found') throw error(404, 'not_found');
			return fail(400, { errors: { outcome: result.error }, values: form.fields });
		}
	}
};
