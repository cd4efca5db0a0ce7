import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { CALL_OUTCOMES } from '$lib/domain/calls/outcomes';
import { suggestedOutcome } from '$lib/domain/calls/script';
import { localize, type Localized } from '$lib/domain/locale';
import { pipe } from '$lib/domain/questionnaire/piping';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { requirePermission } from '$lib/server/auth/guards';
import { companyName } from '$lib/server/users/service';
import { advance, answerQuestion, finishCall, getCall, giveConsent, goToQuestion } from '$lib/server/calls/service';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requirePermission(locals, url, 'makeCalls');
	const db = getDb();
	const call = await getCall(db, params.id, user.id);
	if (!call) throw error(404, 'not_found');
	const locale = locals.locale;
	const answered = new Set(Object.keys(call.answers));
	const company = await companyName(db);
	const values = { 'customer.name': call.customerName, 'agent.code': user.agentCode, 'company.name': company };
	const say = (text: Localized) => pipe(localize(text, locale), values, locale);
	return {
		call: {
			id: call.id,
			customerName: call.customerName,
			customerPhone: call.customerPhone,
			step: call.step,
			position: call.position,
			outcome: call.outcome,
			note: call.note,
			title: call.version.title,
			answers: call.answers,
			suggestedOutcome: suggestedOutcome(call.version.definition, answered)
		},
		agentCode: user.agentCode ?? '—',
		company,
		questions: call.version.definition.questions.map((q) => ({
			id: q.id,
			kind: q.kind,
			required: q.required,
			text: say(q.text),
			spoken: say(q.kind === 'key' ? q.agentText : q.text),
			preparedResponse: q.kind === 'key' ? say(q.preparedResponse) : null
		}))
	};
};

function agent(event: RequestEvent) {
	return requirePermission(event.locals, event.url, 'makeCalls');
}

const answerSchema = z.object({ questionId: z.string().max(40), value: z.string().max(2000, 'too_long') });
const gotoSchema = z.object({ position: z.coerce.number().int().min(0).max(99) });
const finishSchema = z.object({
	outcome: z.enum(CALL_OUTCOMES, 'required'),
	note: z
		.string()
		.trim()
		.max(1000, 'too_long')
		.transform((v) => v || null)
});

export const actions: Actions = {
	consent: async (event) => {
		if (!(await giveConsent(getDb(), event.params.id, agent(event).id))) throw error(404, 'not_found');
	},
	answer: async (event) => {
		const user = agent(event);
		const form = await parseForm(event.request, answerSchema);
		if (!form.ok) return form.failure;
		const result = await answerQuestion(getDb(), event.params.id, user.id, form.data.questionId, form.data.value);
		if (!result.ok) {
			if (result.error === 'not_found') throw error(404, 'not_found');
			return fail(400, { errors: { answer: result.error }, values: form.fields });
		}
	},
	next: async (event) => {
		const result = await advance(getDb(), event.params.id, agent(event).id);
		if (!result.ok) {
			if (result.error === 'not_found') throw error(404, 'not_found');
			return fail(400, { errors: { answer: result.error }, values: {} });
		}
	},
	goto: async (event) => {
		const user = agent(event);
		const form = await parseForm(event.request, gotoSchema);
		if (!form.ok) return form.failure;
		const call = await getCall(getDb(), event.params.id, user.id);
		if (!call || form.data.position >= call.version.definition.questions.length) throw error(404, 'not_found');
		if (!(await goToQuestion(getDb(), call.id, user.id, form.data.position))) throw error(404, 'not_found');
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
