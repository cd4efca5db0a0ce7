import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import type { Locale, Role } from '../db/types';

export const SESSION_COOKIE = 'hf_session';
export const SESSION_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	agentCode: string | null;
	locale: Locale;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** 256 random bits; the database keeps only their SHA-256. */
export async function createSession(db: Db, userId: string): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(Date.now() + SESSION_DAYS * DAY_MS);
	await db.insertInto('sessions').values({ id: hashToken(token), user_id: userId, expires_at: expiresAt }).execute();
	return { token, expiresAt };
}

/**
 * The signed-in user for a token, or null. A session past half its life is
 * renewed so active users stay signed in; `renewedUntil` says when to re-set the cookie.
 */
export async function validateSession(
	db: Db,
	token: string
): Promise<{ user: SessionUser; renewedUntil: Date | null } | null> {
	const id = hashToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.expires_at',
			'users.id',
			'users.username',
			'users.display_name',
			'users.role',
			'users.agent_code',
			'users.locale',
			'users.disabled_at'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const expiresAt = new Date(row.expires_at);
	if (expiresAt.getTime() <= Date.now() || row.disabled_at) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return null;
	}
	let renewedUntil: Date | null = null;
	if (expiresAt.getTime() - Date.now() < (SESSION_DAYS * DAY_MS) / 2) {
		renewedUntil = new Date(Date.now() + SESSION_DAYS * DAY_MS);
		await db.updateTable('sessions').set({ expires_at: renewedUntil }).where('id', '=', id).execute();
	}
	return {
		user: {
			id: row.id,
			username: row.username,
			displayName: row.display_name,
			role: row.role,
			agentCode: row.agent_code,
			locale: row.locale
		},
		renewedUntil
	};
}

export async function deleteSession(db: Db, token: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}
