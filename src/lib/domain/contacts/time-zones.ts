import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { COUNTRY_ZONES } from './country-zones';

/**
 * Area/Location names (and UTC) only: Intl would also take `EST5EDT` or `GMT`, and PostgreSQL reads
 * a bare offset like `+08:00` as POSIX (sign inverted), so those never reach `at time zone`.
 */
const ZONE_SHAPE = /^(?:utc|[a-z]+(?:\/[a-z0-9_+-]+){1,2})$/i;

const accepted = (zone: string): boolean => {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
};

let known: Map<string, string> | undefined;
/** Lower-cased name → its usual spelling, for the names this runtime lists and the country table's. */
function spellings(): Map<string, string> {
	known ??= new Map([...Intl.supportedValuesOf('timeZone'), ...Object.values(COUNTRY_ZONES), 'UTC'].map((z) => [z.toLowerCase(), z]));
	return known;
}

/** An IANA zone name as typed (`asia/shanghai`, ` Europe/London `) → its usual spelling; anything else → null. */
export function normalizeTimeZone(raw: string): string | null {
	const zone = raw.trim();
	if (!ZONE_SHAPE.test(zone) || !accepted(zone)) return null;
	return spellings().get(zone.toLowerCase()) ?? zone;
}

/** Every zone a person may pick, sorted, with `current` kept even when this runtime lists it under another name. */
export function timeZoneChoices(current: string | null = null): string[] {
	const names = new Set(spellings().values());
	if (current) names.add(current);
	return [...names].sort();
}

/** The zone of a phone number's country (`+8613800138000` → Asia/Shanghai), or null when no country is known. */
export function zoneForPhone(phone: string | null): string | null {
	if (!phone) return null;
	const country = parsePhoneNumberFromString(phone)?.country;
	return (country && COUNTRY_ZONES[country]) || null;
}

/**
 * A contact's zone: the one given, else the one stored, else the number's country's. Null means the
 * app's default (APP_TIMEZONE), decided where the zone is used, so changing the setting moves those contacts too.
 */
export function contactTimeZone(given: string | null, stored: string | null, phone: string | null): string | null {
	return given ?? stored ?? zoneForPhone(phone);
}
