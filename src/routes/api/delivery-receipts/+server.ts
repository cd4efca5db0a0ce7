import { error, json } from '@sveltejs/kit';
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { secretsFromEnv } from '$lib/server/delivery/settings';
import { receiptSchema, recordReceipt } from '$lib/server/delivery/receipts';
import type { RequestHandler } from './$types';

const body = z.union([receiptSchema, z.array(receiptSchema).min(1).max(1000)]);
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Delivery receipts from the SMS gateway or mail provider:
 * `Authorization: Bearer $DELIVERY_RECEIPT_SECRET` and one receipt or a list,
 * `{ "messageId": "…", "status": "delivered" | "failed", "reason"?: "…" }`.
 * Without the secret configured the endpoint does not exist.
 */
export const POST: RequestHandler = async ({ request }) => {
	const secret = secretsFromEnv().receiptSecret;
	if (!secret) throw error(404, 'not_found');
	const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
	if (!timingSafeEqual(digest(given), digest(secret))) return json({ error: 'unauthorized' }, { status: 401 });
	let parsed;
	try {
		parsed = body.safeParse(await request.json());
	} catch {
		return json({ error: 'invalid_json' }, { status: 400 });
	}
	if (!parsed.success) return json({ error: 'invalid', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }, { status: 400 });
	const receipts = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
	const db = getDb();
	let updated = 0;
	for (const r of receipts) if (await recordReceipt(db, r, now())) updated++;
	return json({ received: receipts.length, updated });
};
