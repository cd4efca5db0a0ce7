/**
 * Where to go after signing in: `next` only when it resolves to a path of this origin
 * once control characters are gone (browsers drop tabs and newlines inside URLs, and
 * read `/\host` as `//host`); otherwise home.
 */
export function safeNext(next: string | null | undefined, origin: string): string {
	if (!next) return '/';
	const cleaned = next.replace(/[\u0000-\u001F\u007F]/g, '');
	if (!cleaned.startsWith('/')) return '/';
	let resolved: URL;
	try {
		resolved = new URL(cleaned, origin);
	} catch {
		return '/';
	}
	if (resolved.origin !== new URL(origin).origin) return '/';
	return resolved.pathname + resolved.search + resolved.hash;
}
