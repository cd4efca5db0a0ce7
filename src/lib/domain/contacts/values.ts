import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

/** A phone number as E.164 (`+8613800138000`); numbers without a country code are read as Chinese. */
export function normalizePhone(raw: string): string | null {
	const cleaned = raw.trim().replace(/[\s\-()（）.]/g, '').replace(/^00/, '+');
	if (!/^\+?[0-9]{5,17}$/.test(cleaned)) return null;
	const parsed = parsePhoneNumberFromString(cleaned, 'CN');
	return parsed && parsed.isValid() ? parsed.number : null;
}

const emailSchema = z.email();

export function normalizeEmail(raw: string): string | null {
	const email = raw.trim();
	return email.length <= 254 && emailSchema.safeParse(email).success ? email : null;
}

/** 2026-11-01, 2026/11/1, 2026.11.1, 20261101 or 2026年11月1日 → '2026-11-01'; impossible dates → null. */
export function normalizeDate(raw: string): string | null {
	const s = raw.trim();
	const match =
		/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ??
		/^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s) ??
		/^(\d{4})(\d{2})(\d{2})$/.exec(s);
	if (!match) return null;
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (y < 1900 || y > 2200) return null;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
	return date.toISOString().slice(0, 10);
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', 'x', '✓', '√', '免打扰']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

/** A yes/no cell: true, false, or null when it is neither. */
export function parseYesNo(raw: string): boolean | null {
	const s = raw.trim().toLowerCase();
	if (YES.has(s)) return true;
	if (NO.has(s)) return false;
	return null;
}
