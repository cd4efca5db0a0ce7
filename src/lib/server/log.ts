import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/** The request a line of log belongs to; set for the whole of a request by the observe hook. */
const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export const runWithRequestId = <T>(requestId: string, fn: () => T): T => requestContext.run({ requestId }, fn);

/**
 * One JSON object per line on stdout (pino), each carrying the request id of the
 * request it happened in, so every line of one request can be found by the id the
 * user sees on the error page. LOG_LEVEL: trace, debug, info (default), warn, error, silent.
 */
export const logger = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { pid: process.pid },
	timestamp: pino.stdTimeFunctions.isoTime,
	formatters: { level: (label) => ({ level: label }) },
	mixin: () => {
		const store = requestContext.getStore();
		return store ? { requestId: store.requestId } : {};
	}
});

/** The app's log call: an event name and its fields. */
export function log(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
	logger[level]({ event, ...fields });
}
