import { m } from './paraglide/messages.js';

export { m };

type MessageFn = (inputs?: Record<string, unknown>) => string;

/**
 * A message chosen at run time (an error code, a churn cause, an outcome):
 * `msg('cause', 'service')` reads `cause_service`. Unknown keys fall back to a
 * generic message rather than showing a raw key.
 */
export function msg(prefix: string, key: string, inputs?: Record<string, unknown>): string {
	const all = m as unknown as Record<string, MessageFn | undefined>;
	// A key that is already a full message name (such as `contacts_phone_invalid`) is used as it is.
	const fn = all[`${prefix}_${key}`] ?? all[key];
	return fn ? fn(inputs) : m.error_invalid();
}
