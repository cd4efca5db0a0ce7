import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { secretsFromEnv } from '$lib/server/delivery/settings';
import { answerReceipts } from '$lib/server/delivery/receipt-endpoint';
import type { RequestHandler } from './$types';

/**
 * Delivery receipts from the SMS gateway or mail provider:
 * `Authorization: Bearer $DELIVERY_RECEIPT_SECRET` and one receipt or a list,
 * `{ "messageId": "…", "status": "delivered" | "failed", "reason"?: "…" }`.
 */
export const POST: RequestHandler = ({ request }) => answerReceipts(getDb(), request, now(), secretsFromEnv().receiptSecret);
