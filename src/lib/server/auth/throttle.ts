import { sql } from 'kysely';
import type { Db } from '../db';
import { WINDOW_MS, waitBeforeAttempt, type AttemptHistory } from '../../domain/security/throttle';

export type Reservation = { ok: true; attemptId: string } | { ok: false; retryAfterSeconds: number };

/**
 * Reserves a sign-in attempt before the password is checked, so a burst of concurrent
 * posts cannot all reach the hash: under a transaction lock per address, the history is
 * read and, when no wait is due, the attempt is written as a failure at once. Kept in
 * PostgreSQL, not in memory, so several app processes share one count.
 */
export async function reserveAttempt(db: Db, account: string, ip: string, now: Date): Promise<Reservation> {
	return db.transaction().execute(async (trx) => {
		await sql`select pg_advisory_xact_lock(hashtextextended(${`login:${ip}`}, 0))`.execute(trx);
		const since = new Date(now.getTime() - WINDOW_MS);
		const history = (pairOnly: boolean) =>
			trx
				.selectFrom('login_attempts')
				.select([
					sql<string>`count(*) filter (where failed)`.as('failures'),
					sql<Date | null>`max(attempted_at)`.as('last')
				])
				.where('ip', '=', ip)
				.$if(pairOnly, (q) => q.where('account', '=', account))
				.where('attempted_at', '>', since)
				.executeTakeFirstOrThrow()
				.then((r): AttemptHistory => ({ failures: Number(r.failures), lastAttempt: r.last ? new Date(r.last) : null }));
		const wait = waitBeforeAttempt(await history(true), await history(false), now);
		if (wait > 0) return { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) };
		const row = await trx
			.insertInto('login_attempts')
			.values({ account, ip, attempted_at: now })
			.returning('id')
			.executeTakeFirstOrThrow();
		return { ok: true, attemptId: row.id };
	});
}

/** A correct password forgives the failures of this account from this address. */
export async function forgiveAttempts(db: Db, account: string, ip: string): Promise<void> {
	await db.deleteFrom('login_attempts').where('account', '=', account).where('ip', '=', ip).execute();
}

/** Housekeeping: attempts older than the window no longer count for anything. */
export async function pruneLoginAttempts(db: Db, now: Date): Promise<number> {
	const result = await db
		.deleteFrom('login_attempts')
		.where('attempted_at', '<', new Date(now.getTime() - WINDOW_MS))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
