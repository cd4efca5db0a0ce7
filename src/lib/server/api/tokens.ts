import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db';
import type { TokenForm } from '../../domain/integrations/scopes';
import { recordAudit } from '../audit/service';

/** `hf_` and 256 random bits; only the SHA-256 is stored, the token is shown once. */
export function newApiToken(): string {
	return `hf_${randomBytes(32).toString('base64url')}`;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function createApiToken(db: Db, form: TokenForm, userId: string): Promise<{ id: string; token: string }> {
	const token = newApiToken();
	return db.transaction().execute(async (trx) => {
		const row = await trx
		.insertInto('api_tokens')
		.values({
			name: form.name,
			token_hash: sha256(token),
			prefix: token.slice(0, 10),
			scopes: form.scopes,
			rate_limit_per_minute: form.rateLimit,
			created_by: userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
		await recordAudit(trx, { actorId: userId, action: 'api_token_changed', targetType: 'api_token', targetId: row.id, detail: { change: 'created', name: form.name, scopes: form.scopes } });
		return { id: row.id, token };
	});
}

export function listApiTokens(db: Db) {
	return db
		.selectFrom('api_tokens')
		.select(['id', 'name', 'prefix', 'scopes', 'rate_limit_per_minute', 'created_at', 'last_used_at', 'revoked_at'])
		.orderBy('revoked_at', (ob) => ob.desc().nullsFirst())
		.orderBy('created_at', 'desc')
		.execute();
}

export async function revokeApiToken(db: Db, id: string, now: Date, actorId: string | null = null): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const result = await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
		if (Number(result.numUpdatedRows) !== 1) return false;
		await recordAudit(trx, { actorId, action: 'api_token_changed', targetType: 'api_token', targetId: id, detail: { change: 'revoked' } });
		return true;
	});
}

export interface ApiCaller {
	tokenId: string;
	scopes: string[];
	rateLimit: number;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{10,100})$/;

/** The token of an `Authorization: Bearer …` header, if it exists and is not revoked. */
export async function authenticateBearer(db: Db, header: string | null, now: Date): Promise<ApiCaller | null> {
	const match = header ? BEARER.exec(header.trim()) : null;
	if (!match) return null;
	const row = await db
		.selectFrom('api_tokens')
		.select(['id', 'scopes', 'rate_limit_per_minute', 'last_used_at'])
		.where('token_hash', '=', sha256(match[1]!))
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	// "Last used" to the minute is enough, and saves a write per request.
	if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
		await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
	}
	return { tokenId: row.id, scopes: row.scopes, rateLimit: row.rate_limit_per_minute };
}

export const RATE_WINDOW_MS = 60_000;

/**
 * Counts one request in the token's current minute, in the database (one atomic
 * upsert), so every app process shares the count. Over the limit: how many seconds
 * until the next minute starts.
 */
export async function countRequest(
	db: Db,
	caller: ApiCaller,
	now: Date
): Promise<{ ok: true; remaining: number } | { ok: false; retryAfter: number }> {
	const windowStart = new Date(Math.floor(now.getTime() / RATE_WINDOW_MS) * RATE_WINDOW_MS);
	const row = await db
		.insertInto('api_rate_counters')
		.values({ token_id: caller.tokenId, window_start: windowStart, count: 1 })
		.onConflict((oc) => oc.columns(['token_id', 'window_start']).doUpdateSet({ count: sql`api_rate_counters.count + 1` }))
		.returning('count')
		.executeTakeFirstOrThrow();
	if (row.count > caller.rateLimit) {
		return { ok: false, retryAfter: Math.max(1, Math.ceil((windowStart.getTime() + RATE_WINDOW_MS - now.getTime()) / 1000)) };
	}
	return { ok: true, remaining: caller.rateLimit - row.count };
}

/** Old request counts and idempotency records (kept a day) are removed. */
export async function cleanupApiRecords(db: Db, now: Date): Promise<void> {
	await db.deleteFrom('api_rate_counters').where('window_start', '<', new Date(now.getTime() - 60 * 60_000)).execute();
	await db.deleteFrom('api_idempotency_keys').where('created_at', '<', new Date(now.getTime() - 24 * 60 * 60_000)).execute();
}
