import type { SessionUser } from '$lib/server/auth/sessions';
import type { Locale } from '$lib/domain/locale';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			locale: Locale;
			requestId: string;
			/** Set when the request failed because the database could not be reached: answered 503. */
			databaseUnavailable?: boolean;
		}
		interface Error {
			message: string;
			requestId?: string;
		}
	}
}

export {};
