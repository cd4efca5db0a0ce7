import { sql } from 'kysely';
import type { Db } from '../db';

/** Failed logins allowed per window before further attempts are refused. */
export const LIMITS = { account: 5, ip: 20 } as const;
export const WINDOW_MINUTES = 15;

type Scope = keyof typeof LIMITS;

// Kept in PostgreSQL, not in memory, so several app processes share one count.
export async function isThrottled(db: Db, account: string, ip: string): Promise<boolean> {
	const rows = await db
		.selectFrom('login_failures')
		.select(['scope', (eb) => eb.fn.countAll<string>().as('n')])
		.where('failed_at', '>', sql<Date>`now() - make_interval(mins => ${WINDOW_MINUTES})`)
		.where((eb) =>
			eb.or([
				eb.and([eb('scope', '=', 'account'), eb('key', '=', account)]),
				eb.and([eb('scope', '=', 'ip'), eb('key', '=', ip)])
			])
		)
		.groupBy('scope')
		.execute();
	return rows.some((r) => Number(r.n) >= LIMITS[r.scope as Scope]);
}

export async function recordFailure(db: Db, account: string, ip: string): Promise<void> {
	await db
		.insertInto('login_failures')
		.values([
			{ scope: 'account', key: account },
			{ scope: 'ip', key: ip }
		])
		.execute();
}

/** A successful login forgives the account's failures (not the IP's). */
export async function clearAccountFailures(db: Db, account: string): Promise<void> {
	await db.deleteFrom('login_failures').where('scope', '=', 'account').where('key', '=', account).execute();
}
