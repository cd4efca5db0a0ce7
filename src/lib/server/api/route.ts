import type { z } from 'zod';
import type { Db } from '../db';
import type { Locale } from '../../domain/locale';
import { allows, type ApiArea, type ApiLevel } from '../../domain/integrations/scopes';
import { ApiProblem, acceptLocale, problemResponse, text, type FieldProblem } from './problem';
import { authenticateBearer, countRequest, type ApiCaller } from './tokens';
import { withIdempotency } from './idempotency';
import { isDatabaseUnavailable } from '../db/errors';
import { log } from '../log';

export interface RouteContext<Q, B, P = Record<string, string>> {
	db: Db;
	now: Date;
	caller: ApiCaller;
	locale: Locale;
	query: Q;
	body: B;
	/** The path's `{name}` parts. */
	params: P;
}

/**
 * One operation of the API: the zod schemas at its edge (which also generate the
 * OpenAPI document) and what it does. `scope` is the area and level a token needs.
 */
export interface ApiRoute<
	Q extends z.ZodType = z.ZodType,
	B extends z.ZodType = z.ZodType,
	R extends z.ZodType = z.ZodType,
	P extends z.ZodType = z.ZodType
> {
	method: 'GET' | 'POST';
	/** OpenAPI path, `{id}` for parameters. */
	path: string;
	operationId: string;
	summary: string;
	description?: string;
	tag: string;
	scope: [ApiArea, ApiLevel];
	/** The `{name}` parts of `path`; a part that does not parse answers 404, so ids cannot be probed. */
	params?: P;
	query?: Q;
	body?: B;
	response: R;
	status?: 200 | 201;
	/** Refusals beyond the common ones, by status, as the document describes them. */
	problems?: Record<string, string>;
	run(ctx: RouteContext<z.output<Q>, z.output<B>, z.output<P>>): Promise<z.input<R>>;
}

export const defineRoute = <Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType, P extends z.ZodType = z.ZodType>(route: ApiRoute<Q, B, R, P>) =>
	route;

function issues(error: z.ZodError, prefix: string, locale: Locale): FieldProblem[] {
	return error.issues.slice(0, 50).map((i) => ({
		pointer: `${prefix}/${i.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`.replace(/\/$/, ''),
		detail: text(`api_issue_${i.code}`, locale)
	}));
}

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * Answers one request: Bearer token (never the session cookie), scope, the token's
 * rate limit, Idempotency-Key on POST, input parsed with the route's schemas. Every
 * refusal is an RFC 9457 problem in the caller's language.
 */
export async function handleRoute(route: ApiRoute, db: Db, request: Request, now: Date, rawParams: Record<string, string> = {}): Promise<Response> {
	const url = new URL(request.url);
	const locale = acceptLocale(request.headers.get('accept-language'));
	try {
		const caller = await authenticateBearer(db, request.headers.get('authorization'), now);
		if (!caller) throw new ApiProblem(401, 'unauthorized', undefined, { 'www-authenticate': 'Bearer' });
		if (!allows(caller.scopes, ...route.scope)) throw new ApiProblem(403, 'forbidden');
		const rate = await countRequest(db, caller, now);
		if (!rate.ok) throw new ApiProblem(429, 'rate_limited', undefined, { 'retry-after': String(rate.retryAfter) });
		const limitHeaders = { 'ratelimit-limit': String(caller.rateLimit), 'ratelimit-remaining': String(rate.remaining) };

		const params = route.params ? route.params.safeParse(rawParams) : { success: true as const, data: rawParams };
		if (!params.success) throw new ApiProblem(404, 'not_found');

		const query = route.query ? route.query.safeParse(Object.fromEntries(url.searchParams)) : { success: true as const, data: undefined };
		if (!query.success) throw new ApiProblem(400, 'invalid_request', issues(query.error, '#/query', locale));

		const execute = async (raw: string): Promise<Response> => {
			let body: unknown = undefined;
			if (route.body) {
				try {
					body = JSON.parse(raw);
				} catch {
					throw new ApiProblem(400, 'invalid_json');
				}
				const parsed = route.body.safeParse(body);
				if (!parsed.success) throw new ApiProblem(400, 'invalid_request', issues(parsed.error, '', locale));
				body = parsed.data;
			}
			const result = await route.run({ db, now, caller, locale, query: query.data, body, params: params.data });
			return json(result, route.status ?? 200, limitHeaders);
		};
		const answer = (raw: string) => execute(raw).catch((e) => failure(e, locale, url.pathname, request));
		if (route.method === 'POST') {
			const raw = await request.text();
			// A key reused on another resource (another case id) is another request.
			const fingerprint = route.params ? `${route.operationId}\n${url.pathname}\n${raw}` : `${route.operationId}\n${raw}`;
			return await withIdempotency(db, caller, request.headers.get('idempotency-key'), fingerprint, () => answer(raw));
		}
		return await answer('');
	} catch (e) {
		return failure(e, locale, url.pathname, request);
	}
}

function failure(e: unknown, locale: Locale, instance: string, request: Request): Response {
	if (e instanceof ApiProblem) return problemResponse(e, locale, instance);
	// An outage (the database restarting) is worth retrying, as the pages say with their 503.
	if (isDatabaseUnavailable(e)) return problemResponse(new ApiProblem(503, 'database_unavailable', undefined, { 'retry-after': '10' }), locale, instance);
	log('error', 'api_unexpected', { path: instance, method: request.method, error: String(e), stack: (e as Error)?.stack });
	return problemResponse(new ApiProblem(500, 'unexpected'), locale, instance);
}
