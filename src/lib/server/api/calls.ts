import { z } from 'zod';
import 'zod-openapi';
import type { Db } from '../db';
import type { CallEventKind } from '../db/types';
import { ApiProblem } from './problem';
import { defineRoute } from './route';

export const CALL_EVENT_KINDS = ['ringing', 'answered', 'hung_up'] as const satisfies readonly CallEventKind[];

const body = z
	.strictObject({
		callId: z.uuid().meta({ description: 'The Huifang call (shown on the agent’s call page and passed to the softphone)' }),
		kind: z.enum(CALL_EVENT_KINDS),
		at: z.iso.datetime({ offset: true }).meta({ description: 'When it happened, by the CTI clock' }),
		externalRef: z.string().max(200).optional().meta({ description: 'The CTI’s own call id' })
	})
	.meta({ id: 'CallEventIn' });

const timeline = z
	.object({
		callId: z.uuid(),
		recorded: z.boolean().meta({ description: 'false when this kind of event was already recorded for the call' }),
		events: z.array(z.object({ kind: z.enum(CALL_EVENT_KINDS), at: z.iso.datetime({ offset: true }) })),
		ringSeconds: z.number().nullable().meta({ description: 'From ringing to answered' }),
		talkSeconds: z.number().nullable().meta({ description: 'From answered to hung up: the handle time' })
	})
	.meta({ id: 'CallTimeline' });

/** A call's CTI events and the times between them (ring time, talk time) for handle-time figures. */
export async function callTimeline(db: Db, callId: string) {
	const events = await db
		.selectFrom('call_events')
		.select(['kind', 'occurred_at'])
		.where('call_id', '=', callId)
		.orderBy('occurred_at')
		.execute();
	const at = (kind: CallEventKind) => events.find((e) => e.kind === kind)?.occurred_at;
	const seconds = (from?: Date, to?: Date) => (from && to ? Math.max(0, (new Date(to).getTime() - new Date(from).getTime()) / 1000) : null);
	return {
		events: events.map((e) => ({ kind: e.kind, at: new Date(e.occurred_at).toISOString() })),
		ringSeconds: seconds(at('ringing'), at('answered')),
		talkSeconds: seconds(at('answered'), at('hung_up'))
	};
}

export const recordCallEvent = defineRoute({
	method: 'POST',
	path: '/api/v1/calls',
	operationId: 'recordCallEvent',
	tag: 'calls',
	summary: 'Record a softphone/CTI event of a call: ringing, answered, hung up',
	description: 'Each kind is kept once per call (a repeat is ignored); the answer is the call’s timeline with ring and talk time.',
	scope: ['calls', 'write'],
	body,
	response: timeline,
	status: 201,
	async run({ db, body }) {
		const call = await db.selectFrom('calls').select('id').where('id', '=', body.callId).executeTakeFirst();
		if (!call) throw new ApiProblem(404, 'not_found');
		const inserted = await db
			.insertInto('call_events')
			.values({ call_id: call.id, kind: body.kind, occurred_at: new Date(body.at), external_ref: body.externalRef ?? null })
			.onConflict((oc) => oc.columns(['call_id', 'kind']).doNothing())
			.returning('id')
			.executeTakeFirst();
		return { callId: call.id, recorded: !!inserted, ...(await callTimeline(db, call.id)) };
	}
});
