import { z } from 'zod';
import 'zod-openapi';
import type { Db } from '../db';
import { INFORM_CHANNELS } from '../../domain/follow-ups/states';
import { acceptCase, closeWontFix, commentOnCase, commentSchema, informCustomer, resolveCase, type ActionResult } from '../follow-ups/actions';
import type { Viewer } from '../follow-ups/access';
import { ApiProblem, text as message } from './problem';
import { defineRoute } from './route';
import { caseDetailSchema, caseForApi, caseParams } from './cases';
import type { ApiCaller } from './tokens';
import type { Locale } from '../../domain/locale';

const text = commentSchema.shape.text.meta({ description: 'Up to 4000 characters' });

const actingAs = z
	.union([
		z.strictObject({ username: z.string().min(1).max(100) }).meta({ id: 'ActingUsername' }),
		z.strictObject({ agentCode: z.string().min(1).max(40).meta({ description: 'The user’s 工号' }) }).meta({ id: 'ActingAgentCode' })
	])
	.optional()
	.meta({
		description:
			'The Huifang user on whose behalf the change is made, by username or agent code. Without it, the administrator who created the token acts. The user must be active and may do only what they may do in the app.'
	});

const stateChange = z
	.discriminatedUnion('state', [
		z.strictObject({ state: z.literal('in_progress').meta({ description: 'Accept the case' }), actingAs }),
		z.strictObject({ state: z.literal('resolved'), text: text.meta({ description: 'What was done' }), actingAs }),
		z.strictObject({
			state: z.literal('informed'),
			how: z.enum(INFORM_CHANNELS),
			text: text.meta({ description: 'What the customer was told' }),
			informedAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'When the customer was told; default now; not in the future' }),
			actingAs
		}),
		z.strictObject({ state: z.literal('wont_fix'), text: text.meta({ description: 'Why the case is closed without a fix' }), actingAs })
	])
	.meta({
		id: 'CaseStateChange',
		description:
			'The state to move the case to, with what that step records. `verified` and reopening happen only through the verification call.'
	});

const commentBody = z.strictObject({ text, actingAs }).meta({ id: 'CaseCommentIn' });

type ActingAs = z.infer<typeof actingAs>;

/** Who acts: the named user, or the token's creator; refused when that user is gone or disabled. */
async function actingUser(db: Db, caller: ApiCaller, named: ActingAs): Promise<Viewer> {
	let q = db.selectFrom('users').select(['id', 'role']).where('disabled_at', 'is', null);
	if (named && 'username' in named) q = q.where('username', '=', named.username);
	else if (named) q = q.where('agent_code', '=', named.agentCode);
	else {
		const token = await db.selectFrom('api_tokens').select('created_by').where('id', '=', caller.tokenId).executeTakeFirst();
		if (!token?.created_by) throw new ApiProblem(422, 'case_actor_unknown');
		q = q.where('id', '=', token.created_by);
	}
	const user = await q.executeTakeFirst();
	if (!user) throw new ApiProblem(422, 'case_actor_unknown');
	return user;
}

/** Runs one of the app's own case actions as the acting user and answers with the case as it is now. */
async function act(
	db: Db,
	ctx: { caseId: string; locale: Locale; caller: ApiCaller; actingAs: ActingAs },
	run: (viewer: Viewer) => Promise<ActionResult>
) {
	const exists = await db.selectFrom('follow_ups').select('id').where('id', '=', ctx.caseId).executeTakeFirst();
	if (!exists) throw new ApiProblem(404, 'not_found');
	const result = await run(await actingUser(db, ctx.caller, ctx.actingAs));
	if (!result.ok) {
		// The token may read every case; the acting user may still not see this one.
		if (result.error === 'illegal_move') throw new ApiProblem(409, 'case_illegal_move');
		throw new ApiProblem(403, 'case_not_allowed');
	}
	return (await caseForApi(db, ctx.caseId, ctx.locale))!;
}

export const changeCaseStateRoute = defineRoute({
	method: 'POST',
	path: '/api/v1/cases/{id}/state',
	operationId: 'changeCaseState',
	tag: 'cases',
	summary: 'Move a case on: accept, resolve, inform the customer, or close without a fix',
	description:
		'The same rules as in the app: the case must be in a state the step starts from (`open` → `in_progress` → `resolved` → `informed`; `wont_fix` from any open state), else 409. The acting user needs the right the app asks for: the owner or a team member accepts, the owner or a supervisor resolves and informs, a supervisor or admin closes without a fix; else 403. Informing schedules the verification call.',
	scope: ['cases', 'write'],
	params: caseParams,
	body: stateChange,
	response: caseDetailSchema,
	problems: {
		'403': 'The token lacks the scope, or the acting user may not take this step on this case',
		'409': 'The case is not in a state this step starts from, or a request with this Idempotency-Key is still running',
		'422': 'The acting user is unknown or disabled (or this Idempotency-Key was used with another body)'
	},
	async run({ db, now, caller, locale, params, body }) {
		return act(db, { caseId: params.id, locale, caller, actingAs: body.actingAs }, (viewer) => {
			switch (body.state) {
				case 'in_progress':
					return acceptCase(db, params.id, viewer, now);
				case 'resolved':
					return resolveCase(db, params.id, viewer, body.text, now);
				case 'informed': {
					const when = body.informedAt ? new Date(body.informedAt) : now;
					if (when > now) throw new ApiProblem(400, 'invalid_request', [{ pointer: '/informedAt', detail: message('api_issue_in_future', locale) }]);
					return informCustomer(db, params.id, viewer, { how: body.how, text: body.text, when }, now);
				}
				case 'wont_fix':
					return closeWontFix(db, params.id, viewer, body.text, now);
			}
		});
	}
});

export const commentOnCaseRoute = defineRoute({
	method: 'POST',
	path: '/api/v1/cases/{id}/comments',
	operationId: 'commentOnCase',
	tag: 'cases',
	summary: 'Add a comment to a case’s timeline',
	description: 'The answer is the case; the new comment is the last entry of its timeline. Subscribers hear of it as `case.updated`.',
	scope: ['cases', 'write'],
	params: caseParams,
	body: commentBody,
	response: caseDetailSchema,
	status: 201,
	problems: {
		'403': 'The token lacks the scope, or the acting user may not see this case',
		'422': 'The acting user is unknown or disabled (or this Idempotency-Key was used with another body)'
	},
	async run({ db, now, caller, locale, params, body }) {
		return act(db, { caseId: params.id, locale, caller, actingAs: body.actingAs }, (viewer) => commentOnCase(db, params.id, viewer, body.text, now));
	}
});
