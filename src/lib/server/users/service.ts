import type { Db } from '../db';
import { isUniqueViolation } from '../db/errors';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { forgiveAttempts, reserveAttempt } from '../auth/throttle';
import { recordAudit } from '../audit/service';
import { now } from '../clock';
import type { NewUser, SetupInput } from '../../domain/users';
import { passwordProblem, type PasswordProblem } from '../../domain/security/password-policy';

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
			await recordAudit(trx, { actorId: user.id, action: 'user_created', targetType: 'user', targetId: user.id, detail: { username: input.username, role: 'admin', setup: true } });
			return user.id;
		});
	} catch (error) {
		if (isUniqueViolation(error, 'app_settings_pkey')) throw new SetupClosedError();
		throw error;
	}
}

export type CreateUserResult =
	| { ok: true; id: string }
	| { ok: false; field: 'username' | 'agentCode'; error: 'taken' }
	| { ok: false; field: 'password'; error: PasswordProblem };

/** Creates a user; `actorId` is the admin doing it, for the audit log. */
export async function createUser(db: Db, input: NewUser, actorId: string | null = null): Promise<CreateUserResult> {
	const weak = passwordProblem(input.password, input.username);
	if (weak) return { ok: false, field: 'password', error: weak };
	const passwordHash = await hashPassword(input.password);
	try {
		return await db.transaction().execute(async (trx) => {
			const row = await trx
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
			await recordAudit(trx, { actorId, action: 'user_created', targetType: 'user', targetId: row.id, detail: { username: input.username, role: input.role } });
			return { ok: true as const, id: row.id };
		});
	} catch (error) {
		if (isUniqueViolation(error, 'users_username_key')) return { ok: false, field: 'username', error: 'taken' };
		if (isUniqueViolation(error, 'users_agent_code_key')) return { ok: false, field: 'agentCode', error: 'taken' };
		throw error;
	}
}

export function listUsers(db: Db) {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'display_name', 'role', 'agent_code', 'created_at', 'disabled_at', 'last_sign_in_at'])
		.orderBy('created_at')
		.execute();
}

export type LoginResult =
	| { ok: true; userId: string; mustChangePassword: boolean }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a password. The attempt is reserved (and counted as a failure) before the
 * slow hash runs, so concurrent guesses cannot outrun the throttle. Unknown users cost
 * as much as known ones, and every failure gives the same answer, so accounts cannot
 * be probed. Success and failure go to the audit log.
 */
export async function authenticate(db: Db, username: string, password: string, ip: string, at: Date = now()): Promise<LoginResult> {
	const account = username.trim().toLowerCase().slice(0, 100);
	const reservation = await reserveAttempt(db, account, ip, at);
	if (!reservation.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: reservation.retryAfterSeconds };
	const user = await db
		.selectFrom('users')
		.select(['id', 'password_hash', 'disabled_at', 'must_change_password'])
		.where('username', '=', account)
		.executeTakeFirst();
	const valid = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
	if (!user || !valid || user.disabled_at) {
		await recordAudit(db, { actorId: null, action: 'sign_in_failed', detail: { username: account, ip } });
		return { ok: false, reason: 'invalid' };
	}
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('users').set({ last_sign_in_at: at }).where('id', '=', user.id).execute();
		await recordAudit(trx, { actorId: user.id, action: 'sign_in', targetType: 'user', targetId: user.id, detail: { ip } });
	});
	await forgiveAttempts(db, account, ip);
	return { ok: true, userId: user.id, mustChangePassword: user.must_change_password };
}
