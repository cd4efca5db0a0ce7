import type { SessionUser } from '$lib/server/auth/sessions';
import type { Locale } from '$lib/domain/locale';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			locale: Locale;
			requestId: string;
		}
		interface Error {
			message: string;
			requestId?: string;
		}
	}
}

export {};
