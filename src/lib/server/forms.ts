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
	const values = Object.fromEntries(Object.entries(fields).filter(([k]) => !secretFields.includes(k)));
	return { ok: false, failure: fail(400, { errors: fieldErrors(parsed.error), values }) };
}

/** Every text value of each form field, for fields that may repeat (ticked boxes). */
export function formLists(data: FormData): Record<string, string[]> {
	const fields: Record<string, string[]> = {};
	for (const [key, value] of data) if (typeof value === 'string') (fields[key] ??= []).push(value);
	return fields;
}
