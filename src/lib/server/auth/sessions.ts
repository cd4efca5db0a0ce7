import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import type { Locale, Role } from '../db/types';

export const SESSION_COOKIE = 'hf_session';
/** Absolute lifetime: a session ends this long after sign-in, however active. */
export const SESSION_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Idle timeout (SESSION_IDLE_HOURS, default 12: a shift); last use is written at most once a minute. */
export const idleTimeoutMs = (): number => (Number(process.env.SESSION_IDLE_HOURS) || 12) * HOUR_MS;
const TOUCH_EVERY_MS = 60 * 1000;

export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	agentCode: string | null;
	locale: Locale;
	/** An admin reset the password: every page sends the user to choose a new one. */
	mustChangePassword: boolean;
	/** The hash of this session's token: which row of the user's sessions list is "this one". */
	sessionId: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** 256 random bits; the database keeps only their SHA-256. */
export async function createSession(
	db: Db,
	userId: string,
	now: Date,
	userAgent: string | null = null
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
	await db
		.insertInto('sessions')
		.values({
			id: hashToken(token),
			user_id: userId,
			created_at: now,
			last_seen_at: now,
			expires_at: expiresAt,
			user_agent: userAgent?.slice(0, 300) ?? null
		})
		.execute();
	return { token, expiresAt };
}

/**
 * The signed-in user for a token, or null (and the session is deleted) when it is
 * unknown, past its absolute lifetime, idle for longer than the idle timeout, or its
 * user is disabled.
 */
export async function validateSession(db: Db, token: string, now: Date): Promise<SessionUser | null> {
	const id = hashToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.expires_at',
			'sessions.last_seen_at',
			'users.id',
			'users.username',
			'users.display_name',
			'users.role',
			'users.agent_code',
			'users.locale',
			'users.disabled_at',
			'users.must_change_password'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const lastSeen = new Date(row.last_seen_at).getTime();
	if (new Date(row.expires_at).getTime() <= now.getTime() || lastSeen + idleTimeoutMs() <= now.getTime() || row.disabled_at) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return null;
	}
	if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) {
		await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
	}
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		agentCode: row.agent_code,
		locale: row.locale,
		mustChangePassword: row.must_change_password,
		sessionId: id
	};
}

export async function deleteSession(db: Db, token: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** A user's live sessions, newest use first, for their own list. */
export function listSessions(db: Db, userId: string, now: Date) {
	return db
		.selectFrom('sessions')
		.select(['id', 'created_at', 'last_seen_at', 'user_agent'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', now)
		.where('last_seen_at', '>', new Date(now.getTime() - idleTimeoutMs()))
		.orderBy('last_seen_at', 'desc')
		.execute();
}

/** Ends every session of a user except, optionally, the one in use. */
export async function endSessions(db: Db, userId: string, except: string | null = null): Promise<number> {
	const result = await db
		.deleteFrom('sessions')
		.where('user_id', '=', userId)
		.$if(except !== null, (q) => q.where('id', '!=', except!))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Housekeeping: sessions past their lifetime or idle timeout. */
export async function pruneSessions(db: Db, now: Date): Promise<number> {
	const result = await db
		.deleteFrom('sessions')
		.where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', new Date(now.getTime() - idleTimeoutMs()))]))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
