import { sql, type Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/types';
import { now as clockNow } from '../clock';
import type { WebhookEventType } from '../../domain/integrations/events';

export { WEBHOOK_EVENTS, type WebhookEventType } from '../../domain/integrations/events';

type Conn = Db | Transaction<Database>;

/**
 * Records an event for every subscription that wants it (the outbox). Call it
 * INSIDE the transaction that causes the event: if that rolls back, nothing is
 * sent; once it commits, the delivery job sends it, however long the receiver is down.
 */
export async function emitEvent(conn: Conn, type: WebhookEventType, payload: Record<string, unknown>, at: Date = clockNow()): Promise<void> {
	const subscriptions = await conn
		.selectFrom('webhook_subscriptions')
		.select('id')
		.where('disabled_at', 'is', null)
		.where(sql<boolean>`${type} = any(events)`)
		.execute();
	if (subscriptions.length === 0) return;
	const event = await conn
		.insertInto('webhook_events')
		.values({ type, payload: JSON.stringify(payload), created_at: at })
		.returning('id')
		.executeTakeFirstOrThrow();
	await conn
		.insertInto('webhook_deliveries')
		.values(subscriptions.map((s) => ({ subscription_id: s.id, event_id: event.id, first_attempt_at: at, next_attempt_at: at })))
		.execute();
}

/** A call ended: call.completed, and response.submitted when the call kept answers. */
export async function emitCallEnded(
	trx: Conn,
	call: { callId: string; outcome: string; responseId: string | null; questionnaireId: string; versionId: string; agentId: string; responseKept: boolean },
	at: Date = clockNow()
): Promise<void> {
	const { responseKept, ...data } = call;
	await emitEvent(trx, 'call.completed', { ...data, responseId: responseKept ? data.responseId : null, endedAt: at.toISOString() }, at);
	if (responseKept && data.responseId) {
		await emitEvent(
			trx,
			'response.submitted',
			{ responseId: data.responseId, questionnaireId: data.questionnaireId, versionId: data.versionId, channel: 'phone', callId: data.callId },
			at
		);
	}
}
