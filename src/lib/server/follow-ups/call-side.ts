import { z } from 'zod';
import type { Db } from '../db';
import { OPEN_STATES } from '../../domain/follow-ups/states';
import { normalizePhone } from '../../domain/contacts/values';

export const callNoteSchema = z.object({
	questionId: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'invalid'),
	note: z.string().trim().min(1, 'required').max(2000, 'too_long')
});

/**
 * Keeps the agent's note on a "no" of an open call; when the call ends and the case
 * opens, the note lands on that question's item. Only on this agent's open call, and
 * only on a question answered "no": null otherwise (the route answers 404).
 */
export async function saveCallNote(db: Db, callId: string, agentId: string, questionId: string, note: string): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const call = await trx
			.selectFrom('calls')
			.select('response_id')
			.where('id', '=', callId)
			.where('agent_id', '=', agentId)
			.where('step', '!=', 'ended')
			.forUpdate()
			.executeTakeFirst();
		if (!call?.response_id) return false;
		const no = await trx
			.selectFrom('answers')
			.select('question_id')
			.where('response_id', '=', call.response_id)
			.where('question_id', '=', questionId)
			.where('yes_no', '=', false)
			.executeTakeFirst();
		if (!no) return false;
		await trx
			.insertInto('follow_up_call_notes')
			.values({ response_id: call.response_id, question_id: questionId, note })
			.onConflict((oc) => oc.columns(['response_id', 'question_id']).doUpdateSet({ note }))
			.execute();
		return true;
	});
}

/** The notes kept on an open call's "no" answers, by question id. */
export async function callNotes(db: Db, callId: string, agentId: string): Promise<Record<string, string>> {
	const rows = await db
		.selectFrom('calls as c')
		.innerJoin('follow_up_call_notes as n', 'n.response_id', 'c.response_id')
		.select(['n.question_id', 'n.note'])
		.where('c.id', '=', callId)
		.where('c.agent_id', '=', agentId)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.question_id, r.note]));
}

/**
 * The open case of the customer on a call, for the agent to see before the first
 * question: the call's contact (from the queue), else a contact with the same phone
 * number (a manual or inbound call).
 */
export async function openCaseForCall(db: Db, callId: string, agentId: string) {
	const call = await db
		.selectFrom('calls as c')
		.leftJoin('campaign_contacts as cc', 'cc.id', 'c.campaign_contact_id')
		.select(['cc.contact_id', 'c.customer_phone'])
		.where('c.id', '=', callId)
		.where('c.agent_id', '=', agentId)
		.executeTakeFirst();
	if (!call) return null;
	// Contacts keep numbers in E.164; an agent may type 138… for a manual call.
	const phone = normalizePhone(call.customer_phone);
	if (!call.contact_id && !phone) return null;
	const row = await db
		.selectFrom('follow_ups as f')
		.innerJoin('contacts as k', 'k.id', 'f.contact_id')
		.select(['f.id', 'f.state', 'f.opened_at'])
		.select((eb) =>
			eb.selectFrom('follow_up_items as i').select('i.question_text').whereRef('i.follow_up_id', '=', 'f.id').orderBy('i.position').limit(1).as('first_item')
		)
		.where('f.state', 'in', OPEN_STATES)
		.where((eb) => (call.contact_id ? eb('k.id', '=', call.contact_id) : eb('k.phone', '=', phone!)))
		.orderBy('f.opened_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ?? null;
}
