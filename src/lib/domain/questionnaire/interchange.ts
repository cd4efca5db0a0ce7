import { z } from 'zod';
import { localizedSchema, definitionSchema, type Definition } from './definition';
import type { Localized } from '../locale';

/** Marks a file as a Huifang questionnaire, and which revision of the format it follows. */
export const INTERCHANGE_FORMAT = 'huifang.questionnaire/1';
/** An import larger than this is refused before it is parsed (well under the 512 kB request limit). */
export const MAX_IMPORT_BYTES = 400_000;

export const interchangeSchema = z.strictObject({
	format: z.literal(INTERCHANGE_FORMAT, 'unknown_format'),
	title: localizedSchema,
	industry: z.string().trim().regex(/^[a-z][a-z_]{1,39}$/, 'invalid'),
	definition: definitionSchema
});

export type Interchange = z.infer<typeof interchangeSchema>;

/** A questionnaire as the documented JSON interchange format. */
export function toInterchange(q: { title: Localized; industry: string; definition: Definition }): Interchange {
	return { format: INTERCHANGE_FORMAT, title: q.title, industry: q.industry, definition: q.definition };
}

/** One thing wrong with an imported file: where (a JSON path) and what (a message key). */
export interface ImportProblem {
	path: string;
	problem: string;
}

export type ImportResult = { ok: true; value: Interchange } | { ok: false; problems: ImportProblem[] };

/** zod's wording for its own checks, mapped to our message keys. */
function problemKey(issue: z.core.$ZodIssue): string {
	if (/^[a-z_]+$/.test(issue.message)) return issue.message;
	switch (issue.code) {
		case 'unrecognized_keys':
			return 'unknown_field';
		case 'invalid_type':
			return 'wrong_type';
		case 'invalid_value':
		case 'invalid_union':
			return 'invalid';
		default:
			return 'invalid';
	}
}

/**
 * Reads an uploaded file: every problem is reported with its path, and nothing
 * is returned unless the whole questionnaire is valid.
 */
export function parseInterchange(raw: string): ImportResult {
	if (raw.length > MAX_IMPORT_BYTES) return { ok: false, problems: [{ path: '', problem: 'file_too_large' }] };
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		return { ok: false, problems: [{ path: '', problem: 'invalid_json' }] };
	}
	const parsed = interchangeSchema.safeParse(json);
	if (parsed.success) return { ok: true, value: parsed.data };
	return {
		ok: false,
		problems: parsed.error.issues.map((issue) => {
			const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys.join(', ')] : issue.path;
			return { path: path.join('.'), problem: problemKey(issue) };
		})
	};
}
