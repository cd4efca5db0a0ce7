import type { Db } from '../db';
import { ApiProblem } from './problem';
import { sha256, type ApiCaller } from './tokens';

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` on a POST: the first request with a key runs and its answer is
 * stored; a repeat with the same body gets the stored answer (`Idempotent-Replayed:
 * true`), with another body a 422, while the first is still running a 409. Server
 * errors are not stored, so the client may retry them. Keys are per token, kept a day.
 */
export async function withIdempotency(
	db: Db,
	caller: ApiCaller,
	key: string | null,
	fingerprint: string,
	run: () => Promise<Response>
): Promise<Response> {
	if (key === null) return run();
	if (!KEY.test(key)) throw new ApiProblem(400, 'idempotency_key_invalid');
	const hash = sha256(fingerprint);
	const claimed = await db
		.insertInto('api_idempotency_keys')
		.values({ token_id: caller.tokenId, key, request_hash: hash })
		.onConflict((oc) => oc.columns(['token_id', 'key']).doNothing())
		.returning('key')
		.executeTakeFirst();
	if (!claimed) {
		const stored = await db
			.selectFrom('api_idempotency_keys')
			.select(['request_hash', 'status', 'body'])
			.where('token_id', '=', caller.tokenId)
			.where('key', '=', key)
			.executeTakeFirst();
		if (!stored) return withIdempotency(db, caller, key, fingerprint, run);
		if (stored.request_hash !== hash) throw new ApiProblem(422, 'idempotency_mismatch');
		if (stored.status === null) throw new ApiProblem(409, 'idempotency_in_progress', undefined, { 'retry-after': '1' });
		const type = stored.status >= 400 ? 'application/problem+json' : 'application/json';
		return new Response(stored.body, { status: stored.status, headers: { 'content-type': type, 'idempotent-replayed': 'true' } });
	}
	let response: Response;
	try {
		response = await run();
	} catch (e) {
		await forget(db, caller, key);
		throw e;
	}
	if (response.status >= 500 || response.status === 429) {
		await forget(db, caller, key);
		return response;
	}
	const body = await response.clone().text();
	await db
		.updateTable('api_idempotency_keys')
		.set({ status: response.status, body })
		.where('token_id', '=', caller.tokenId)
		.where('key', '=', key)
		.execute();
	return response;
}

const forget = (db: Db, caller: ApiCaller, key: string) =>
	db.deleteFrom('api_idempotency_keys').where('token_id', '=', caller.tokenId).where('key', '=', key).execute();
