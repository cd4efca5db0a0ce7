import { z } from 'zod';
import type { Db } from '../db/index';

/** What a gateway posts back: our message id (the `{id}` of the body template) or its own id, and the outcome. */
export const receiptSchema = z.object({
	messageId: z.string().trim().min(1).max(200),
	status: z.enum(['delivered', 'failed']),
	reason: z.string().trim().max(500).optional()
});
export type Receipt = z.infer<typeof receiptSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records a delivery receipt on a sent message. Only a sent message moves on
 * (a late receipt cannot undo a later state; a repeated one changes nothing).
 * Returns whether a message was found in a state the receipt applies to.
 */
export async function recordReceipt(db: Db, r: Receipt, now: Date): Promise<boolean> {
	const result = await db
		.updateTable('link_messages')
		.set(
			r.status === 'delivered'
				? { status: 'delivered', delivered_at: now }
				: { status: 'failed', failed_at: now, error: `gateway: ${r.reason ?? 'undelivered'}` }
		)
		.where((eb) => (UUID.test(r.messageId) ? eb.or([eb('id', '=', r.messageId), eb('provider_id', '=', r.messageId)]) : eb('provider_id', '=', r.messageId)))
		.where('status', '=', 'sent')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}
