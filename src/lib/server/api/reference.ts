import { openApiDocument, API_ROUTES } from './openapi';
import { PROBLEM_CODES } from './problem';

/** A piece of a type as the reference shows it: text, or a link to a schema. */
export interface TypePart {
	text: string;
	ref?: string;
}
export interface FieldView {
	name: string;
	type: TypePart[];
	required: boolean;
	description: string;
}
export interface SchemaView {
	name: string;
	description: string;
	fields: FieldView[];
	type: TypePart[];
}
export interface OperationView {
	id: string;
	method: string;
	path: string;
	summary: string;
	description: string;
	parameters: (FieldView & { in: string })[];
	body: TypePart[] | null;
	responses: { status: string; description: string; mediaType: string; type: TypePart[] }[];
	/** Error statuses, all answered with the Problem schema (described once on the page). */
	problemStatuses: string[];
}

type Json = Record<string, unknown>;

/** The OpenAPI document turned into plain tables for the server-rendered reference page. */
export function referenceView(): { title: string; description: string; operations: OperationView[]; schemas: SchemaView[]; problems: string[] } {
	const doc = openApiDocument() as unknown as { info: { title: string; description: string }; paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };
	const schemas = new Map<string, SchemaView>();

	const typeOf = (s: Json | undefined, owner: string): TypePart[] => {
		if (!s) return [{ text: 'any' }];
		if (typeof s.$ref === 'string') {
			const name = s.$ref.split('/').pop()!;
			return [{ text: name, ref: name }];
		}
		if (Array.isArray(s.enum)) return [{ text: s.enum.map((v) => JSON.stringify(v)).join(' | ') }];
		const union = (s.anyOf ?? s.oneOf) as Json[] | undefined;
		if (union) return union.flatMap((u, i) => [...(i ? [{ text: ' | ' }] : []), ...typeOf(u, owner)]);
		const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
		const parts: TypePart[] = [];
		types.forEach((t, i) => {
			if (i) parts.push({ text: ' | ' });
			if (t === 'array') parts.push({ text: 'array of ' }, ...typeOf(s.items as Json, owner));
			else if (t === 'object' && s.properties) {
				register(owner, s);
				parts.push({ text: owner, ref: owner });
			} else parts.push({ text: `${t ?? 'any'}${s.format ? ` (${s.format})` : s.pattern ? ` ${s.pattern}` : ''}` });
		});
		return parts;
	};

	const register = (name: string, s: Json) => {
		if (schemas.has(name)) return;
		const view: SchemaView = { name, description: String(s.description ?? ''), fields: [], type: [] };
		schemas.set(name, view);
		if (s.properties) {
			const required = new Set((s.required as string[] | undefined) ?? []);
			for (const [prop, p] of Object.entries(s.properties as Record<string, Json>)) {
				view.fields.push({ name: prop, type: typeOf(p, `${name}.${prop}`), required: required.has(prop), description: String(p.description ?? '') });
			}
		} else view.type = typeOf(s, name);
	};

	for (const [name, s] of Object.entries(doc.components.schemas)) register(name, s);

	const operations: OperationView[] = [];
	for (const [path, item] of Object.entries(doc.paths)) {
		for (const [method, op] of Object.entries(item)) {
			const id = String(op.operationId);
			const parameters = ((op.parameters as Json[] | undefined) ?? []).map((p) => ({
				name: String(p.name),
				in: String(p.in),
				type: typeOf(p.schema as Json, `${id}.${p.name}`),
				required: p.required === true,
				description: String(p.description ?? (p.schema as Json | undefined)?.description ?? '')
			}));
			const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
			const responses = Object.entries(op.responses as Record<string, Json>).map(([status, r]) => {
				const [mediaType, content] = Object.entries((r.content as Record<string, Json> | undefined) ?? {})[0] ?? ['', {}];
				return { status, description: String(r.description ?? ''), mediaType, type: typeOf((content as Json).schema as Json, `${id}.${status}`) };
			});
			operations.push({
				id,
				method: method.toUpperCase(),
				path,
				summary: String(op.summary ?? ''),
				description: String(op.description ?? ''),
				parameters,
				body: body ? typeOf(body['application/json']?.schema as Json, `${id}.body`) : null,
				responses: responses.filter((r) => r.status < '400'),
				problemStatuses: responses.filter((r) => r.status >= '400').map((r) => r.status)
			});
		}
	}
	// The operations in the order the API lists them, the document itself last.
	const order = API_ROUTES.map((r) => r.operationId);
	operations.sort((a, b) => (order.indexOf(a.id) + 1 || 99) - (order.indexOf(b.id) + 1 || 99));
	return { title: doc.info.title, description: doc.info.description, operations, schemas: [...schemas.values()].sort((a, b) => a.name.localeCompare(b.name)), problems: [...PROBLEM_CODES] };
}
