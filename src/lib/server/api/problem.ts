import { m } from '$lib/i18n';
import type { Locale } from '../../domain/locale';

type MessageFn = (inputs?: Record<string, unknown>, options?: { locale?: Locale }) => string;

/** A message in the caller's language (API callers choose it with Accept-Language). */
export function text(key: string, locale: Locale, inputs: Record<string, unknown> = {}): string {
	const fn = (m as unknown as Record<string, MessageFn | undefined>)[key];
	return fn ? fn(inputs, { locale }) : key;
}

/** zh-CN unless the caller prefers English. */
export function acceptLocale(header: string | null): Locale {
	const first = (header ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
	return first.startsWith('en') ? 'en' : 'zh-CN';
}

export const PROBLEM_CODES = [
	'unauthorized',
	'forbidden',
	'rate_limited',
	'invalid_json',
	'invalid_request',
	'not_found',
	'idempotency_key_invalid',
	'idempotency_mismatch',
	'idempotency_in_progress',
	'case_illegal_move',
	'case_not_allowed',
	'case_actor_unknown',
	'receipt_unauthorized',
	'database_unavailable',
	'unexpected'
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface FieldProblem {
	/** JSON Pointer (RFC 6901) into the request body, or `#/query/<name>`. */
	pointer: string;
	detail: string;
}

/** An RFC 9457 problem: thrown by a route, answered as application/problem+json. */
export class ApiProblem extends Error {
	constructor(
		readonly status: number,
		readonly code: ProblemCode,
		readonly errors?: FieldProblem[],
		readonly headers: Record<string, string> = {}
	) {
		super(code);
	}
}

export function problemResponse(p: ApiProblem, locale: Locale, instance: string): Response {
	const body = {
		type: `/api/v1/docs#problem-${p.code}`,
		title: text(`api_problem_${p.code}`, locale),
		status: p.status,
		instance,
		...(p.errors ? { errors: p.errors } : {})
	};
	return new Response(JSON.stringify(body), {
		status: p.status,
		headers: { 'content-type': 'application/problem+json', 'content-language': locale, ...p.headers }
	});
}
