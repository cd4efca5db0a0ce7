/** C0 control characters and DEL, except tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlChars(text: string): boolean {
	return CONTROL.test(text);
}

/**
 * Whether any string in a parsed JSON value (keys included) holds a control character.
 * JSON can smuggle one as an escape (`\u0000`) that PostgreSQL then refuses.
 */
export function jsonHasControlChars(value: unknown): boolean {
	if (typeof value === 'string') return hasControlChars(value);
	if (Array.isArray(value)) return value.some(jsonHasControlChars);
	if (value && typeof value === 'object') {
		return Object.entries(value).some(([k, v]) => hasControlChars(k) || jsonHasControlChars(v));
	}
	return false;
}

/** A text field's value, or JSON carried inside one (the builder posts its draft that way). */
export function fieldHasControlChars(value: string): boolean {
	if (hasControlChars(value)) return true;
	const start = value.trimStart()[0];
	if (start !== '{' && start !== '[') return false;
	try {
		return jsonHasControlChars(JSON.parse(value));
	} catch {
		return false;
	}
}

/** An uploaded JSON file with a control character in any string (raw text that is not JSON is the parser's to refuse). */
export function jsonFileHasControlChars(text: string): boolean {
	try {
		return jsonHasControlChars(JSON.parse(text));
	} catch {
		return false;
	}
}
