import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { timeZone } from '$lib/server/config';
import { requireUser } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/forms';
import { zonedInstant } from '$lib/domain/scheduling/dates';
import { localize, type Localized } from '$lib/domain/locale';
import { actorFor, leadsTeam, seesAll } from '$lib/server/follow-ups/access';
import { caseDetail } from '$lib/server/follow-ups/queries';
import { responseReadBack } from '$lib/server/follow-ups/response-view';
import { overdueNow } from '$lib/domain/follow-ups/overdue';
import {
	acceptCase,
	assignCase,
	assignSchema,
	closeWontFix,
	commentOnCase,
	commentSchema,
	informCustomer,
	informSchema,
	resolveCase,
	resolveSchema,
	wontFixSchema,
	type ActionResult
} from '$lib/server/follow-ups/actions';
import { m } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const db = getDb();
	const detail = await caseDetail(db, params.id);
	if (!detail) throw error(404, 'not_found');
	const c = detail.case;
	const actor = await actorFor(db, user, c);
	if (!actor) throw error(404, 'not_found');
	const locale = locals.locale;
	const list = new Intl.ListFormat(locale, { type: 'conjunction' });
	const response = await responseReadBack(db, c.questionnaire_id, c.response_id, locale, {
		yes: m.answer_yes({}, { locale }),
		no: m.answer_no({}, { locale }),
		other: (text) => m.call_other_answer({ text }, { locale }),
		list: (items) => list.format(items)
	});
	const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
	return {
		case: {
			id: c.id,
			state: c.state,
			cause: c.cause,
			tier: c.tier,
			team: c.team_name,
			owner: c.owner_name,
			ownerId: c.owner_id,
			firstAgent: c.first_agent_name,
			questionnaire: c.questionnaire_title,
			campaign: c.campaign_name,
			openedAt: iso(c.opened_at)!,
			firstActionDue: iso(c.first_action_due)!,
			resolveDue: iso(c.resolve_due)!,
			reopens: c.reopen_count,
			overdue: overdueNow(c, now()),
			contact: c.contact_id
				? { name: c.contact_name, phone: c.contact_phone, email: c.contact_email, externalId: c.contact_external_id }
				: null
		},
		items: detail.items.map((i) => ({
			id: i.id,
			question: localize(i.question_text as Localized, locale),
			prepared: i.prepared_response ? localize(i.prepared_response as Localized, locale) : null,
			kind: i.kind,
			cause: i.cause,
			number: i.answer_number,
			why: i.why_text,
			note: i.note
		})),
		response,
		earlier: detail.earlier.map((e) => ({ id: e.id, state: e.state, cause: e.cause, title: e.title, openedAt: iso(e.opened_at)! })),
		timeline: detail.timeline.map((e) => ({ id: e.id, at: iso(e.at)!, kind: e.kind, body: e.body, detail: e.detail, user: e.user_name })),
		members: detail.members.map((u) => ({ id: u.id, name: u.display_name })),
		can: {
			accept: c.state === 'open' && (actor.owner || actor.supervisor || (actor.member && !c.owner_id)),
			resolve: c.state === 'in_progress' && (actor.owner || actor.supervisor),
			inform: c.state === 'resolved' && (actor.owner || actor.supervisor),
			wontFix: actor.supervisor && ['open', 'in_progress', 'resolved', 'informed'].includes(c.state),
			assign: (c.state === 'open' || c.state === 'in_progress') && (seesAll(user) || (await leadsTeam(db, user.id, c.team_id)))
		},
		timeZone: timeZone()
	};
};

/** A refused move keeps the user's text and says why, in their language. */
function outcome(result: ActionResult, values: Record<string, string>) {
	if (result.ok) return { done: true };
	if (result.error === 'not_found') throw error(404, 'not_found');
	return fail(400, { errors: { form: `cases_error_${result.error}` }, values });
}

export const actions: Actions = {
	accept: async ({ locals, params, url }) => {
		const user = requireUser(locals, url);
		return outcome(await acceptCase(getDb(), params.id, user, now()), {});
	},
	assign: async ({ locals, params, request, url }) => {
		const user = requireUser(locals, url);
		const form = await parseForm(request, assignSchema);
		if (!form.ok) return form.failure;
		return outcome(await assignCase(getDb(), params.id, user, form.data.ownerId, now()), form.fields);
	},
	comment: async ({ locals, params, request, url }) => {
		const user = requireUser(locals, url);
		const form = await parseForm(request, commentSchema);
		if (!form.ok) return form.failure;
		return outcome(await commentOnCase(getDb(), params.id, user, form.data.text, now()), form.fields);
	},
	resolve: async ({ locals, params, request, url }) => {
		const user = requireUser(locals, url);
		const form = await parseForm(request, resolveSchema);
		if (!form.ok) return form.failure;
		return outcome(await resolveCase(getDb(), params.id, user, form.data.text, now()), form.fields);
	},
	inform: async ({ locals, params, request, url }) => {
		const user = requireUser(locals, url);
		const form = await parseForm(request, informSchema);
		if (!form.ok) return form.failure;
		const at = now();
		const when = parseLocal(form.data.when, at);
		if (!when) return fail(400, { errors: { when: 'invalid' }, values: form.fields });
		return outcome(await informCustomer(getDb(), params.id, user, { how: form.data.how, text: form.data.text, when }, at), form.fields);
	},
	wontfix: async ({ locals, params, request, url }) => {
		const user = requireUser(locals, url);
		const form = await parseForm(request, wontFixSchema);
		if (!form.ok) return form.failure;
		return outcome(await closeWontFix(getDb(), params.id, user, form.data.text, now()), form.fields);
	}
};

/** A datetime-local value read in the app's zone; blank is now, and a time in the future is refused. */
function parseLocal(value: string | undefined, at: Date): Date | null {
	if (!value) return at;
	const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
	if (!match) return null;
	const when = zonedInstant(match[1]!, match[2]!, timeZone());
	return when.getTime() > at.getTime() + 60_000 ? null : when;
}
