/** PostgreSQL unique_violation (23505), as raised by both pg and PGlite. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
	if (e.code !== '23505') return false;
	if (!constraint) return true;
	return e.constraint === constraint || String(e.message ?? '').includes(constraint);
}

/** Socket errors of a connection that cannot be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
/** pg's own messages when its connection ends or cannot be had in time. */
const CONNECTION_MESSAGES = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed/;

/**
 * The database cannot be reached right now (down, restarting, network cut), as opposed to a
 * query that is wrong: SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down,
 * crashed, not yet accepting connections), a refused or reset socket, or pg's connection messages.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const e = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
	const code = typeof e.code === 'string' ? e.code : '';
	if (code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code) || NETWORK_CODES.has(code)) return true;
	if (CONNECTION_MESSAGES.test(String(e.message ?? ''))) return true;
	// Node reports a refused connection to a name with several addresses as an AggregateError.
	if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) return true;
	return e.cause !== undefined && e.cause !== error && isDatabaseUnavailable(e.cause);
}
