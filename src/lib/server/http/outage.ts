import type { Handle, RequestEvent } from '@sveltejs/kit';
import { m } from '../../i18n';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../domain/locale';
import { isDatabaseUnavailable } from '../db/errors';
import { LOCALE_COOKIE } from '../locale';
import { log } from '../log';

/** The error message (App.Error) of a request that failed because the database could not be reached. */
export const DATABASE_UNAVAILABLE = 'database_unavailable';
/** What the 503 suggests to clients and proxies: the pool reconnects on the first query after the database returns. */
const RETRY_AFTER_SECONDS = '10';

/** Called by handleError: remembers that this request failed for want of the database. */
export function noteOutage(event: RequestEvent, error: unknown): boolean {
	if (!isDatabaseUnavailable(error)) return false;
	event.locals.databaseUnavailable = true;
	log('warn', 'db.unavailable', { route: event.route.id, error: String(error) });
	return true;
}

function localeOf(event: RequestEvent): Locale {
	if (isLocale(event.locals.locale)) return event.locals.locale;
	const asked = event.url.searchParams.get('lang') ?? event.cookies.get(LOCALE_COOKIE);
	return isLocale(asked) ? asked : DEFAULT_LOCALE;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function outagePage(locale: Locale, requestId: string): string {
	const title = escape(m.prod_unavailable_title({}, { locale }));
	const hint = escape(m.prod_unavailable_hint({}, { locale }));
	const id = escape(m.prod_unavailable_request_id({ id: requestId }, { locale }));
	return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${hint}</p><p><small>${id}</small></p></main></body></html>`;
}

function unavailable(event: RequestEvent, original?: Response): Response {
	const headers = new Headers(original?.headers);
	headers.set('retry-after', RETRY_AFTER_SECONDS);
	headers.set('cache-control', 'no-store');
	// JSON (page data, enhanced form actions) keeps SvelteKit's body, which names the
	// message: the client-side error page shows it. A page gets the "try again" page.
	const json = (original?.headers.get('content-type') ?? event.request.headers.get('accept') ?? '').includes('json');
	if (json && original) return new Response(original.body, { status: 503, headers });
	headers.delete('content-encoding');
	headers.delete('content-length');
	headers.delete('vary');
	if (json) {
		headers.set('content-type', 'application/json');
		return new Response(JSON.stringify({ message: DATABASE_UNAVAILABLE, requestId: event.locals.requestId }), { status: 503, headers });
	}
	headers.set('content-type', 'text/html; charset=utf-8');
	return new Response(outagePage(localeOf(event), event.locals.requestId), { status: 503, headers });
}

/**
 * While the database cannot be reached (restart, failover, network), every request that
 * needs it is answered 503 with a "try again" page in the user's language and a
 * Retry-After, not a 500: whether the failure came from a page's load or action
 * (handleError noted it) or from a hook before them (the session lookup).
 */
export const answerOutages: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		if (!noteOutage(event, error)) throw error;
		return unavailable(event);
	}
	return event.locals.databaseUnavailable && response.status >= 500 ? unavailable(event, response) : response;
};
