import { dictionary } from '@zxcvbn-ts/language-common';

// ~49,000 of the most common passwords (zxcvbn-ts's list), compared case-insensitively.
const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

export const commonPasswordCount = (): number => COMMON.size;

export type PasswordProblem = 'sec_password_common' | 'sec_password_contains_username';

/**
 * ASVS 6.2 beyond the length rule (zod's passwordSchema): not one of the common
 * passwords, and not containing the username. Server-side only: the list is large.
 */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
	if (COMMON.has(password.toLowerCase())) return 'sec_password_common';
	const name = username.trim().toLowerCase();
	if (name.length >= 3 && password.toLowerCase().includes(name)) return 'sec_password_contains_username';
	return null;
}
