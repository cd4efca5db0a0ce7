import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { DIALECTS } from './setup';
import { apiToken, call } from './api-helpers';
import { makeUser, publishedQuestionnaire, yes, num, KEY_IDS } from './fixtures';
import type { Db } from '$lib/server/db';
import { API_ROUTES, openApiDocument } from '$lib/server/api/openapi';
import { latestVersion } from '$lib/server/questionnaires/service';
import { submitWebResponse } from '$lib/server/responses/service';
import { startCall } from '$lib/server/calls/service';
import type { ApiRoute } from '$lib/server/api/route';

const ROOT = 'src/routes/api/v1';

/** Every +server.ts under /api/v1 with the HTTP methods it exports, as OpenAPI paths. */
function routeFiles(): { path: string; methods: string[] }[] {
	const found: { path: string; methods: string[] }[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const full = join(dir, name);
			// The catch-all only answers 404 for unknown paths; it is no operation.
			if (statSync(full).isDirectory()) {
				if (!name.startsWith('[...')) walk(full);
			}
			else if (name === '+server.ts') {
				const rel = relative(ROOT, dir).replace(/\[(\w+)(=\w+)?\]/g, '{$1}');
				const methods = [...readFileSync(full, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
				found.push({ path: `/api/v1/${rel}`, methods });
			}
		}
	};
	walk(ROOT);
	return found;
}

const document = openApiDocument() as unknown as {
	openapi: string;
	paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>>;
	components: { schemas: Record<string, object> };
};

/** A validator made from the served document itself (not from the zod schemas the app uses). */
function documented(path: string, method: string, status: number, type: string) {
	const schema = document.paths[path]?.[method]?.responses[String(status)]?.content[type]?.schema;
	if (!schema) throw new Error(`${method} ${path} ${status} ${type} is not in the document`);
	const json = JSON.stringify({ ...schema, $defs: document.components.schemas }).replaceAll('#/components/schemas/', '#/$defs/');
	return z.fromJSONSchema(JSON.parse(json), { defaultTarget: 'draft-2020-12' });
}

function expectConforms(route: ApiRoute, r: { status: number; headers: Headers; body: unknown }) {
	const type = r.headers.get('content-type')!;
	const result = documented(route.path, route.method.toLowerCase(), r.status, type).safeParse(r.body);
	expect(result.error?.issues ?? []).toEqual([]);
}

describe('OpenAPI document', () => {
	it('is OpenAPI 3.1 and lists every /api/v1 route file with each method it exports, and nothing else', () => {
		expect(document.openapi).toBe('3.1.0');
		const files = routeFiles();
		expect(files.length).toBeGreaterThanOrEqual(6);
		for (const file of files) {
			expect(file.methods.length, file.path).toBeGreaterThan(0);
			for (const method of file.methods) expect(document.paths[file.path]?.[method], `${method} ${file.path}`).toBeDefined();
		}
		const fromFiles = files.flatMap((f) => f.methods.map((m) => `${m} ${f.path}`)).sort();
		const fromDocument = Object.entries(document.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`)).sort();
		expect(fromDocument).toEqual(fromFiles);
	});

	it('gives validators that refuse a body of the wrong shape', () => {
		const list = documented('/api/v1/campaigns', 'get', 200, 'application/json');
		expect(list.safeParse({ data: [] }).success).toBe(true);
		expect(list.safeParse({ data: [{ id: 1 }] }).success).toBe(false);
		const problem = documented('/api/v1/contacts', 'post', 401, 'application/problem+json');
		expect(problem.safeParse({ type: 'x', title: 'y', status: '401', instance: '/' }).success).toBe(false);
	});
});

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: real responses match the OpenAPI document`, () => {
		let db: Db;
		let token: string;
		const bodies: Record<string, unknown> = {};
		const params: Record<string, Record<string, string>> = {};
		let caseId: string;
		beforeAll(async () => {
			db = await dialect.open();
			token = await apiToken(db, ['contacts:write', 'events:write', 'campaigns:read', 'responses:read', 'calls:write', 'cases:write']);
			const { id: questionnaireId } = await publishedQuestionnaire(db);
			const versionId = (await latestVersion(db, questionnaireId))!.versionId;
			const answers = [...KEY_IDS.map((k) => yes(k, k !== 'parts_in_stock')), num('overall_satisfaction', 4), num('recommend', 9)];
			await submitWebResponse(db, { questionnaireId, versionId, submissionId: crypto.randomUUID(), answers });
			await submitWebResponse(db, { questionnaireId, versionId, submissionId: crypto.randomUUID(), answers });
			const agentId = await makeUser(db, 'agent');
			const callId = (await startCall(db, { questionnaireId, agentId, customerName: '周九', customerPhone: '13500135000' }))!;
			bodies.upsertContacts = { contacts: [{ name: '吴十', phone: '13400134000', externalId: 'C-10' }, { name: 'bad', phone: 'x' }] };
			bodies.recordServiceEvents = { events: [{ externalId: 'C-10', date: '2026-11-30' }, { externalId: 'none', date: '2026-11-30' }] };
			bodies.recordCallEvent = { callId, kind: 'ringing', at: '2026-12-01T02:00:00Z' };
			// The "no" to parts_in_stock opened a case; the token's creator (an admin) accepts it.
			caseId = (await db.selectFrom('follow_ups').select('id').orderBy('opened_at').executeTakeFirstOrThrow()).id;
			for (const op of ['getCase', 'changeCaseState', 'commentOnCase']) params[op] = { id: caseId };
			bodies.changeCaseState = { state: 'in_progress' };
			bodies.commentOnCase = { text: 'Called the customer back' };
		});
		afterAll(async () => {
			await db.destroy();
		});

		for (const route of API_ROUTES) {
			it(`${route.method} ${route.path}: success, 400 and 401 bodies`, async () => {
				const body = bodies[route.operationId];
				const queries: Record<string, Record<string, string>> = { listResponses: { limit: '1', locale: 'en' }, listCases: { limit: '1' } };
				const query = queries[route.operationId];
				const ok = await call(db, route, { token, body, params: params[route.operationId], ...(query ? { query } : {}) });
				expect(ok.status).toBe(route.status ?? 200);
				expectConforms(route, ok);
				if (route.operationId === 'listResponses') expect((ok.body as { nextCursor: string }).nextCursor).toBeTruthy();

				const badQuery: Record<string, string> = route.operationId === 'getCase' ? { locale: 'fr' } : { limit: 'many', status: 'x' };
				const bad = await call(db, route, { token, params: params[route.operationId], ...(route.method === 'POST' ? { body: { nope: 1 } } : { query: badQuery }) });
				if (route.query || route.body) {
					expect(bad.status).toBe(400);
					expectConforms(route, bad);
				}
				const anonymous = await call(db, route, { body, params: params[route.operationId] });
				expect(anonymous.status).toBe(401);
				expectConforms(route, anonymous);
			});
		}

		it('documents the refusals of the case routes: unknown case 404, a wrong step 409, an unknown acting user 422', async () => {
			const route = (id: string) => API_ROUTES.find((r) => r.operationId === id)!;
			const missing = await call(db, route('getCase'), { token, params: { id: crypto.randomUUID() } });
			expect(missing.status).toBe(404);
			expectConforms(route('getCase'), missing);
			const twice = await call(db, route('changeCaseState'), { token, params: { id: caseId }, body: { state: 'in_progress' } });
			expect(twice.status).toBe(409);
			expectConforms(route('changeCaseState'), twice);
			const nobody = await call(db, route('commentOnCase'), { token, params: { id: caseId }, body: { text: 'x', actingAs: { agentCode: 'none' } } });
			expect(nobody.status).toBe(422);
			expectConforms(route('commentOnCase'), nobody);
		});
	});
}
