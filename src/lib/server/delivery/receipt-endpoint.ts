import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/index';
import { ApiProblem, acceptLocale, problemResponse, text } from '../api/problem';
import { receiptSchema, recordReceipt } from './receipts';

const list = z.array(receiptSchema).min(1).max(1000);
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Answers a POST of delivery receipts from the SMS gateway or mail provider:
 * `Authorization: Bearer <secret>` and one receipt or a list of up to 1000. Refusals
 * are problem+json like the API's. Receipts for unknown messages, or for messages
 * not in the sent state, are counted as not updated (a gateway may repeat itself).
 */
export async function answerReceipts(db: Db, request: Request, now: Date, secret: string | undefined): Promise<Response> {
	const url = new URL(request.url);
	const locale = acceptLocale(request.headers.get('accept-language'));
	const refuse = (p: ApiProblem) => problemResponse(p, locale, url.pathname);
	// Without a configured secret the endpoint does not exist.
	if (!secret) return refuse(new ApiProblem(404, 'not_found'));
	const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
	if (!timingSafeEqual(digest(given), digest(secret))) return refuse(new ApiProblem(401, 'receipt_unauthorized', undefined, { 'www-authenticate': 'Bearer' }));
	let raw: unknown;
	try {
		raw = JSON.parse(await request.text());
	} catch {
		return refuse(new ApiProblem(400, 'invalid_json'));
	}
	// One schema per shape, so each wrong field is pointed at (a union would only say "no shape matched").
	const parsed = Array.isArray(raw) ? list.safeParse(raw) : receiptSchema.safeParse(raw);
	if (!parsed.success) {
		const errors = parsed.error.issues.slice(0, 50).map((i) => ({ pointer: `/${i.path.join('/')}`.replace(/\/$/, ''), detail: text(`api_issue_${i.code}`, locale) }));
		return refuse(new ApiProblem(400, 'invalid_request', errors));
	}
	const receipts = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
	let updated = 0;
	for (const r of receipts) if (await recordReceipt(db, r, now)) updated++;
	return Response.json({ received: receipts.length, updated, notUpdated: receipts.length - updated });
}
