import type { Db } from '../db';
import { isUniqueViolation } from '../db/errors';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { clearAccountFailures, isThrottled, recordFailure } from '../auth/throttle';
import type { NewUser, SetupInput } from '../../domain/users';

export class SetupClosedError extends Error {
	constructor() {
		super('setup already completed');
	}
}

export async function hasAnyUser(db: Db): Promise<boolean> {
	const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	return row !== undefined;
}

export async function companyName(db: Db): Promise<string> {
	const row = await db
		.selectFrom('app_settings')
		.select('value')
		.where('key', '=', 'company_name')
		.executeTakeFirst();
	return row?.value ?? 'Huifang';
}

/**
 * Creates the first admin. The 'setup_completed' row's primary key makes a
 * second setup fail even when two run at once.
 */
export async function completeSetup(db: Db, input: SetupInput): Promise<string> {
	const passwordHash = await hashPassword(input.password);
	try {
		return await db.transaction().execute(async (trx) => {
			await trx
				.insertInto('app_settings')
				.values([
					{ key: 'setup_completed', value: new Date().toISOString() },
					{ key: 'company_name', value: input.companyName }
				])
				.execute();
			const user = await trx
				.insertInto('users')
				.values({
					username: input.username,
					display_name: input.displayName,
					password_hash: passwordHash,
					role: 'admin',
					agent_code: input.agentCode
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return user.id;
		});
	} catch (error) {
		if (isUniqueViolation(error, 'app_settings_pkey')) throw new SetupClosedError();
		throw error;
	}
}

export type CreateUserResult =
	| { ok: true; id: string }
	| { ok: false; field: 'username' | 'agentCode'; error: 'taken' };

export async function createUser(db: Db, input: NewUser): Promise<CreateUserResult> {
	const passwordHash = await hashPassword(input.password);
	try {
		const row = await db
			.insertInto('users')
			.values({
				username: input.username,
				display_name: input.displayName,
				password_hash: passwordHash,
				role: input.role,
				agent_code: input.agentCode,
				locale: input.locale
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return { ok: true, id: row.id };
	} catch (error) {
		if (isUniqueViolation(error, 'users_username_key')) return { ok: false, field: 'username', error: 'taken' };
		if (isUniqueViolation(error, 'users_agent_code_key')) return { ok: false, field: 'agentCode', error: 'taken' };
		throw error;
	}
}

export function listUsers(db: Db) {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'display_name', 'role', 'agent_code', 'created_at', 'disabled_at'])
		.orderBy('created_at')
		.execute();
}

export type LoginResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * Checks a password, throttled per account and per IP. Unknown users cost as much
 * as known ones, and every failure gives the same answer, so accounts cannot be probed.
 */
export async function authenticate(db: Db, username: string, password: string, ip: string): Promise<LoginResult> {
	const account = username.trim().toLowerCase();
	if (await isThrottled(db, account, ip)) return { ok: false, reason: 'throttled' };
	const user = await db
		.selectFrom('users')
		.select(['id', 'password_hash', 'disabled_at'])
		.where('username', '=', account)
		.executeTakeFirst();
	const valid = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
	if (!user || !valid || user.disabled_at) {
		await recordFailure(db, account, ip);
		return { ok: false, reason: 'invalid' };
	}
	await clearAccountFailures(db, account);
	return { ok: true, userId: user.id };
}
