import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { PROBLEM_CODES } from './problem';
import type { ApiRoute } from './route';
import { upsertContacts } from './contacts';
import { recordServiceEvents } from './events';
import { listCampaigns } from './campaigns';
import { listResponses } from './responses';
import { recordCallEvent } from './calls';
import { getCaseRoute, listCasesRoute } from './cases';
import { changeCaseStateRoute, commentOnCaseRoute } from './case-actions';

/** Every operation of /api/v1; the route files answer with these, and the document is made from them. */
export const API_ROUTES: ApiRoute[] = [
	upsertContacts,
	recordServiceEvents,
	listCampaigns,
	listResponses,
	recordCallEvent,
	listCasesRoute,
	getCaseRoute,
	changeCaseStateRoute,
	commentOnCaseRoute
] as never[];

export const problemSchema = z
	.object({
		type: z.string().meta({ description: 'A link to this problem in the reference, /api/v1/docs#problem-<code>' }),
		title: z.string().meta({ description: 'What went wrong, in the language of Accept-Language' }),
		status: z.number().int(),
		instance: z.string(),
		errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional().meta({ description: 'Which parts of the request are wrong' })
	})
	.meta({ id: 'Problem', description: `RFC 9457 problem details. Codes: ${PROBLEM_CODES.join(', ')}` });

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

const idempotencyKey = z
	.string()
	.max(200)
	.optional()
	.meta({ description: 'A unique key per logical request (e.g. a UUID): a repeat with the same key and body gets the first answer again, kept 24 hours' });

function operation(route: ApiRoute): ZodOpenApiOperationObject {
	const [area, level] = route.scope;
	return {
		operationId: route.operationId,
		summary: route.summary,
		description: `${route.description ? `${route.description}\n\n` : ''}Scope: \`${area}:${level}\`${level === 'read' ? ` (or \`${area}:write\`)` : ''}.`,
		tags: [route.tag],
		security: [{ bearer: [] }],
		...(route.query || route.params || route.method === 'POST'
			? {
					requestParams: {
						...(route.params ? { path: route.params as z.ZodObject } : {}),
						...(route.query ? { query: route.query as z.ZodObject } : {}),
						...(route.method === 'POST' ? { header: z.object({ 'Idempotency-Key': idempotencyKey }) } : {})
					}
				}
			: {}),
		...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
		responses: {
			[String(route.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: route.response } } },
			'400': problem('The request is malformed; `errors` points at each wrong part'),
			'401': problem('No valid token in `Authorization: Bearer …`'),
			'403': problem('The token lacks the scope'),
			...(route.params ? { '404': problem('No such resource') } : {}),
			...(route.method === 'POST' ? { '409': problem('A request with this Idempotency-Key is still running'), '422': problem('This Idempotency-Key was used with another body') } : {}),
			'429': problem('Over the token’s requests per minute; see Retry-After'),
			'500': problem('Unexpected error (logged)'),
			...Object.fromEntries(Object.entries(route.problems ?? {}).map(([status, description]) => [status, problem(description)]))
		}
	};
}

let cached: ReturnType<typeof createDocument> | null = null;

/** The OpenAPI 3.1 document of /api/v1, generated from the routes' zod schemas. */
export function openApiDocument() {
	if (cached) return cached;
	const paths: ZodOpenApiPathsObject = {
		'/api/v1/openapi.json': {
			get: {
				operationId: 'openApiDocument',
				summary: 'This document',
				tags: ['reference'],
				responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } }
			}
		}
	};
	for (const route of API_ROUTES) {
		paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
	}
	cached = createDocument({
		openapi: '3.1.0',
		info: {
			title: 'Huifang REST API',
			version: '1.0.0',
			description:
				'Contacts, service events, campaigns, responses, follow-up cases and call events for CRM and CTI integration. Authenticate with `Authorization: Bearer <token>` (tokens are created by an administrator under Admin → API). Errors are RFC 9457 `application/problem+json`.'
		},
		components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
		paths
	});
	return cached;
}
