import { ApiProblem, acceptLocale, problemResponse } from '$lib/server/api/problem';
import type { RequestHandler } from './$types';

/** Unknown paths under /api/v1 answer 404 as problem+json, like every other API error. */
export const fallback: RequestHandler = ({ request, url }) =>
	problemResponse(new ApiProblem(404, 'not_found'), acceptLocale(request.headers.get('accept-language')), url.pathname);
