import type { Handle, RequestEvent } from '@sveltejs/kit';
import { fieldHasControlChars, jsonHasControlChars } from '../../domain/security/input';
import { m } from '../../i18n';
import { BodyTooLargeError, bodyLimit, limitBody } from './body-limits';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The JSON API and webhooks: no cookies, authenticated by token or secret. */
export const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

type Refusal = 'sec_cross_origin' | 'sec_body_too_large' | 'sec_control_chars';

/**
 * A refusal in the user's language. Form posts from `use:enhance` get an action
 * result the page shows as its error; the API gets problem+json; a plain form post
 * gets a small page.
 */
function refuse(event: RequestEvent, status: number, key: Refusal): Response {
	const text = m[key]();
	const headers = { 'cache-control': 'private, no-store' };
	if (isApiPath(event.url.pathname)) {
		return Response.json({ type: 'about:blank', title: text, status }, { status, headers: { ...headers, 'content-type': 'application/problem+json' } });
	}
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json({ type: 'error', status, error: { message: key } }, { status, headers });
	}
	const page = `<!doctype html><html lang="${event.locals.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text}</title></head><body><main><h1>${text}</h1><p><a href="${event.url.pathname}">${m.sec_go_back()}</a></p></main></body></html>`;
	return new Response(page, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

/**
 * SvelteKit checks Origin only for form content types; this covers every state-changing
 * request outside the API, whatever its content type. A missing Origin is refused when
 * the browser says the request is cross-site.
 */
function crossOrigin(event: RequestEvent): boolean {
	const origin = event.request.headers.get('origin');
	if (origin !== null) return origin !== event.url.origin;
	return event.request.headers.get('sec-fetch-site') === 'cross-site';
}

async function bodyHasControlChars(request: Request): Promise<boolean> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
		const data = await request.clone().formData();
		// File parts are the import's business: it refuses a file with a NUL in its own words.
		for (const [key, value] of data) if (fieldHasControlChars(key) || (typeof value === 'string' && fieldHasControlChars(value))) return true;
		return false;
	}
	if (type === 'application/json' || type.endsWith('+json')) {
		try {
			return jsonHasControlChars(JSON.parse(await request.clone().text()));
		} catch (error) {
			if (error instanceof BodyTooLargeError) throw error;
			return false;
		}
	}
	return false;
}

/** Origin check, per-route body limits and control-character refusal, before any route runs. */
export const guardRequests: Handle = async ({ event, resolve }) => {
	if (!STATE_CHANGING.has(event.request.method)) return resolve(event);
	const api = isApiPath(event.url.pathname);
	if (!api && crossOrigin(event)) return refuse(event, 403, 'sec_cross_origin');
	const limit = bodyLimit(event.url.pathname);
	const declared = Number(event.request.headers.get('content-length') ?? 0);
	if (declared > limit) return refuse(event, 413, 'sec_body_too_large');
	event.request = limitBody(event.request, limit);
	try {
		if (await bodyHasControlChars(event.request)) return refuse(event, 400, 'sec_control_chars');
	} catch (error) {
		if (error instanceof BodyTooLargeError || (error as Error)?.cause instanceof BodyTooLargeError) return refuse(event, 413, 'sec_body_too_large');
		// A malformed body is the route's to refuse, as it always did.
	}
	return resolve(event);
};

/**
 * `private, no-store` on everything the app renders or sends (not the hashed /_app
 * assets, served before the hooks): signed-in pages, respondent pages with their
 * per-view submission id, thanks pages, and every CSV download.
 */
export function applyCacheControl(response: Response): void {
	const type = response.headers.get('content-type') ?? '';
	if (!response.headers.has('cache-control') || type.startsWith('text/csv')) {
		response.headers.set('cache-control', 'private, no-store');
	}
}
