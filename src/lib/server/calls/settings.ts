import type { Db } from '../db';

export const DIAL_SCHEMES = ['tel', 'sip', 'callto'] as const;
export type DialScheme = (typeof DIAL_SCHEMES)[number];
const DIAL_KEY = 'calls.dial_scheme';

/** The link scheme of the number in the script: `tel:` by default, `sip:` for a softphone. */
export async function dialScheme(db: Db): Promise<DialScheme> {
	const row = await db.selectFrom('app_settings').select('value').where('key', '=', DIAL_KEY).executeTakeFirst();
	return (DIAL_SCHEMES as readonly string[]).includes(row?.value ?? '') ? (row!.value as DialScheme) : 'tel';
}

export async function setDialScheme(db: Db, scheme: DialScheme): Promise<void> {
	await db
		.insertInto('app_settings')
		.values({ key: DIAL_KEY, value: scheme })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value: scheme }))
		.execute();
}
