import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { sequence } from '@sveltejs/kit/hooks';
import { baseLocale, overwriteGetLocale } from '$lib/i18n/paraglide/runtime.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from '$lib/domain/locale';
import { getDb } from '$lib/server/db';
import { shutDown } from '$lib/server/lifecycle';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions';
import { LOCALE_COOKIE } from '$lib/server/locale';
import { applyCacheControl, guardRequests, isApiPath } from '$lib/server/security/edge';
import { requirePasswordChange } from '$lib/server/security/password-change';
import { now } from '$lib/server/clock';
import { log } from '$lib/server/log';
import { jobsInProcess, startInProcessJobs, stopInProcessJobs } from '$lib/server/jobs/in-process';
import { observe } from '$lib/server/http/observe';
import { compressPages } from '$lib/server/http/compression';
import { answerOutages, DATABASE_UNAVAILABLE, noteOutage } from '$lib/server/http/outage';

// Each request renders in its own language even when requests interleave.
const requestLocale = new AsyncLocalStorage<Locale>();
overwriteGetLocale(() => requestLocale.getStore() ?? baseLocale);

const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.requestId ??= randomUUID();
	event.locals.user = null;
	// The API authenticates by token only: a session cookie must never carry a request there (CSRF).
	const token = isApiPath(event.url.pathname) ? undefined : event.cookies.get(SESSION_COOKIE);
	if (token) {
		const user = await validateSession(getDb(), token, now());
		if (user) {
			event.locals.user = user;
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

/** ?lang= switches and is remembered in a cookie; then the cookie, the user's setting, zh-CN. */
const localize: Handle = async ({ event, resolve }) => {
	const asked = event.url.searchParams.get('lang');
	let locale: Locale;
	if (isLocale(asked)) {
		locale = asked;
		event.cookies.set(LOCALE_COOKIE, asked, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 365
		});
	} else {
		const cookie = event.cookies.get(LOCALE_COOKIE);
		locale = isLocale(cookie) ? cookie : (event.locals.user?.locale ?? DEFAULT_LOCALE);
	}
	event.locals.locale = locale;
	return requestLocale.run(locale, () =>
		resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) })
	);
};

const secureHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	response.headers.set('X-Request-Id', event.locals.requestId);
	applyCacheControl(response);
	return response;
};

export const handle = sequence(observe, answerOutages, authenticate, localize, secureHeaders, guardRequests, requirePasswordChange, compressPages);

export const handleError: HandleServerError = ({ error, event, status }) => {
	const requestId = event.locals.requestId ?? randomUUID();
	// The database going away is an outage to wait out (503, "try again"), not a bug.
	if (noteOutage(event, error)) return { message: DATABASE_UNAVAILABLE, requestId };
	if (status !== 404) {
		log('error', 'unhandled', { requestId, path: event.url.pathname, status, error: String(error), stack: (error as Error)?.stack });
	}
	return { message: status === 404 ? 'not_found' : 'unexpected', requestId };
};

// adapter-node emits this on SIGINT/SIGTERM after the server stopped taking requests.
process.on('sveltekit:shutdown', (reason: string) => {
	void stopInProcessJobs().finally(() => shutDown(reason));
});

// The built server runs the job workers (not `vite build`, not `vite dev`), unless JOBS_IN_PROCESS=false.
export const init: ServerInit = () => {
	if (!building && !dev && jobsInProcess()) void startInProcessJobs();
};
