import { randomInt } from 'node:crypto';
import type { Db } from '../db';
import { isUniqueViolation } from '../db/errors';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { endSessions } from '../auth/sessions';
import { recordAudit } from '../audit/service';
import { passwordProblem, type PasswordProblem } from '../../domain/security/password-policy';
import type { Role } from '../../domain/users';

/** Re-entering one's own password before a sensitive change (creating an admin, a reset). */
export async function confirmPassword(db: Db, userId: string, password: string): Promise<boolean> {
	const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
	return row ? verifyPassword(row.password_hash, password) : false;
}

/**
 * Disables (every session ends at once) or re-enables a user. An admin cannot
 * disable themselves, so the last way in is never closed by accident. False: no such user.
 */
export async function setDisabled(db: Db, actorId: string, userId: string, disabled: boolean, at: Date): Promise<boolean> {
	if (actorId === userId) return false;
	return db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('users')
			.set({ disabled_at: disabled ? at : null })
			.where('id', '=', userId)
			.executeTakeFirst();
		if (result.numUpdatedRows === 0n) return false;
		if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
		await recordAudit(trx, { actorId, action: disabled ? 'user_disabled' : 'user_enabled', targetType: 'user', targetId: userId });
		return true;
	});
}

export type UpdateUserResult = { ok: true } | { ok: false; field: 'agentCode'; error: 'taken' } | { ok: false; field: 'form'; error: 'not_found' };

/** Changes role and agent code; a role change is its own audit event. */
export async function updateUser(
	db: Db,
	actorId: string,
	userId: string,
	change: { role: Role; agentCode: string | null }
): Promise<UpdateUserResult> {
	try {
		return await db.transaction().execute(async (trx) => {
			const before = await trx.selectFrom('users').select(['role', 'agent_code']).where('id', '=', userId).forUpdate().executeTakeFirst();
			if (!before) return { ok: false as const, field: 'form' as const, error: 'not_found' as const };
			await trx.updateTable('users').set({ role: change.role, agent_code: change.agentCode }).where('id', '=', userId).execute();
			if (before.role !== change.role) {
				await recordAudit(trx, { actorId, action: 'role_changed', targetType: 'user', targetId: userId, detail: { from: before.role, to: change.role } });
			}
			if (before.agent_code !== change.agentCode) {
				await recordAudit(trx, { actorId, action: 'user_changed', targetType: 'user', targetId: userId, detail: { agentCode: change.agentCode } });
			}
			return { ok: true as const };
		});
	} catch (error) {
		if (isUniqueViolation(error, 'users_agent_code_key')) return { ok: false, field: 'agentCode', error: 'taken' };
		throw error;
	}
}

// No 0/O, 1/l/I: read out over the phone or copied by hand.
const TEMP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * Gives a user a temporary password, shown once to the admin: it must be changed at
 * the next sign-in, and every session of the user ends now. Null: no such user.
 */
export async function resetPassword(db: Db, actorId: string, userId: string): Promise<string | null> {
	const temporary = Array.from({ length: 16 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join('');
	const passwordHash = await hashPassword(temporary);
	return db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('users')
			.set({ password_hash: passwordHash, must_change_password: true })
			.where('id', '=', userId)
			.executeTakeFirst();
		if (result.numUpdatedRows === 0n) return null;
		await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
		await recordAudit(trx, { actorId, action: 'password_reset', targetType: 'user', targetId: userId });
		return temporary;
	});
}

export type ChangePasswordResult =
	| { ok: true }
	| { ok: false; field: 'currentPassword'; error: 'sec_password_wrong' }
	| { ok: false; field: 'newPassword'; error: PasswordProblem | 'sec_password_unchanged' };

/** One's own password: the current one is required; every other session of the user ends. */
export async function changeOwnPassword(
	db: Db,
	user: { id: string; username: string; sessionId: string },
	current: string,
	next: string
): Promise<ChangePasswordResult> {
	if (!(await confirmPassword(db, user.id, current))) return { ok: false, field: 'currentPassword', error: 'sec_password_wrong' };
	if (current === next) return { ok: false, field: 'newPassword', error: 'sec_password_unchanged' };
	const weak = passwordProblem(next, user.username);
	if (weak) return { ok: false, field: 'newPassword', error: weak };
	const passwordHash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: false }).where('id', '=', user.id).execute();
		await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', user.sessionId).execute();
		await recordAudit(trx, { actorId: user.id, action: 'password_changed', targetType: 'user', targetId: user.id });
	});
	return { ok: true };
}

/** "Sign out everywhere": every session of the user, this one included. */
export async function signOutEverywhere(db: Db, userId: string): Promise<void> {
	await recordAudit(db, { actorId: userId, action: 'sign_out_everywhere', targetType: 'user', targetId: userId });
	await endSessions(db, userId);
}

/** One user as the admin's edit page shows them; null when unknown. */
export function getUser(db: Db, userId: string) {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'display_name', 'role', 'agent_code', 'disabled_at', 'last_sign_in_at', 'must_change_password'])
		.where('id', '=', userId)
		.executeTakeFirst();
}
