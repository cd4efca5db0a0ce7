import type { RequestEvent } from '@sveltejs/kit';
import { getDb } from '../db';
import { now } from '../clock';
import { SESSION_COOKIE, createSession, deleteSession } from './sessions';

/** HttpOnly, SameSite=Lax; Secure whenever the app is reached over TLS. */
export function setSessionCookie(event: RequestEvent, token: string, expires: Date): void {
	event.cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		expires
	});
}

export async function startSession(event: RequestEvent, userId: string): Promise<void> {
	const { token, expiresAt } = await createSession(getDb(), userId, now(), event.request.headers.get('user-agent'));
	setSessionCookie(event, token, expiresAt);
}

export async function endSession(event: RequestEvent): Promise<void> {
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) await deleteSession(getDb(), token);
	event.cookies.delete(SESSION_COOKIE, { path: '/' });
}
