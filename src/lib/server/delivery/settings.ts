import type { Db } from '../db/index';
import { parseStoredSettings, type DeliverySettings } from '../../domain/delivery/settings';

const KEY = 'delivery';

export async function getDeliverySettings(db: Db): Promise<DeliverySettings> {
	const row = await db.selectFrom('app_settings').select('value').where('key', '=', KEY).executeTakeFirst();
	return parseStoredSettings(row?.value);
}

export async function saveDeliverySettings(db: Db, settings: DeliverySettings): Promise<void> {
	const value = JSON.stringify(settings);
	await db
		.insertInto('app_settings')
		.values({ key: KEY, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
}

/** Secrets are read from the environment only, never stored. */
export interface DeliverySecrets {
	smtpPassword: string | undefined;
	/** The value of the SMS gateway's auth header (e.g. `Bearer …`). */
	smsAuth: string | undefined;
	/** What delivery receipts must present (`Authorization: Bearer …`); unset: receipts are refused. */
	receiptSecret: string | undefined;
}

export function secretsFromEnv(env: Record<string, string | undefined> = process.env): DeliverySecrets {
	return {
		smtpPassword: env.SMTP_PASSWORD || undefined,
		smsAuth: env.SMS_GATEWAY_AUTH || undefined,
		receiptSecret: env.DELIVERY_RECEIPT_SECRET || undefined
	};
}

/** Links in messages start with the address users reach the app at. */
export function publicOrigin(env: Record<string, string | undefined> = process.env): string {
	return (env.ORIGIN || `http://localhost:${env.PORT || '3000'}`).replace(/\/+$/, '');
}
