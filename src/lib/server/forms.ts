import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';

/** The text fields of a form post; file parts are ignored. */
export function formFields(data: FormData): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [key, value] of data) if (typeof value === 'string') fields[key] = value;
	return fields;
}

/** zod issues as { field: message key }, the first issue per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = issue.path.join('.') || 'form';
		const key = /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
		errors[field] ??= key;
	}
	return errors;
}

/** What a refused form post returns: message keys by field, and the input to show again. */
export interface FormFailure {
	errors: Record<string, string>;
	values: Record<string, string>;
}

/**
 * Parses a form with a schema. On failure the caller returns the `fail`, which
 * re-renders the form with the user's input (minus secrets) and the messages.
 */
export async function parseForm<S extends z.ZodType>(
	request: Request,
	schema: S,
	secretFields: string[] = ['password']
): Promise<{ ok: true; data: z.infer<S>; fields: Record<string, string> } | { ok: false; failure: ActionFailure<FormFailure> }> {
	let fields: Record<string, string>;
	try {
		fields = formFields(await request.formData());
	} catch {
		return { ok: false, failure: fail(400, { errors: { form: 'invalid' }, values: {} }) };
	}
	const parsed = schema.safeParse(fields);
	if (parsed.success) return { ok: true, data: parsed.data, fields };
	const values = clampValues(Object.fromEntries(Object.entries(fields).filter(([k]) => !secretFields.includes(k))));
	return { ok: false, failure: fail(400, { errors: fieldErrors(parsed.error), values }) };
}

/** Every text value of each form field, for fields that may repeat (ticked boxes). */
export function formLists(data: FormData): Record<string, string[]> {
	const fields: Record<string, string[]> = {};
	for (const [key, value] of data) if (typeof value === 'string') (fields[key] ??= []).push(value);
	return fields;
}

/** The longest field value a re-rendered form shows back: every text field's maximum (2,000) and no more. */
export const MAX_ECHO = 2000;

/**
 * Input to show again after a refusal, cut to what any field may hold, so a huge post
 * is never echoed back in full.
 */
export function clampValues<T extends string | string[]>(fields: Record<string, T>): Record<string, T> {
	const clamp = (v: string) => v.slice(0, MAX_ECHO);
	return Object.fromEntries(
		Object.entries(fields).map(([k, v]) => [k, (Array.isArray(v) ? v.slice(0, 100).map(clamp) : clamp(v)) as T])
	);
}
