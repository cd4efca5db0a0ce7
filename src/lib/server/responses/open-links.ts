import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db';
import type { Database } from '../db/types';

/** How an open (non-personal) link resists ballot stuffing; set per questionnaire. */
export interface OpenLinkLimits {
	/** Responses one network may send per hour; 0 turns the limit off. */
	hourlyPerIp: number;
	oncePerBrowser: boolean;
}

export const openLinkLimitsSchema = z.object({
	// An empty field is an error, not 0: turning the limit off takes an explicit 0.
	hourlyPerIp: z
		.string('sec_hourly_required')
		.trim()
		.regex(/^\d{1,5}$/, 'sec_hourly_required')
		.transform(Number)
		.pipe(z.number().int().max(10_000, 'sec_hourly_required')),
	oncePerBrowser: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});

export class TooManyResponsesError extends Error {
	constructor() {
		super('this network sent too many responses in the past hour');
	}
}

/** The address is never stored; a hash salted with the questionnaire cannot be matched across questionnaires. */
export function clientHash(questionnaireId: string, address: string): string {
	return createHash('sha256').update(`${questionnaireId}\n${address}`).digest('base64url');
}

/** The cookie that remembers, per questionnaire, the submission this browser keeps for later. */
export const progressCookie = (questionnaireId: string) => `hf_progress_${questionnaireId.replaceAll('-', '')}`;

/** The cookie that remembers, per questionnaire, the submission this browser made. */
export const answeredCookie = (questionnaireId: string) => `hf_answered_${questionnaireId.replaceAll('-', '')}`;

/**
 * Inside the submission's transaction, after its row is written: refuses when this
 * network has now sent more than `limit` responses in the past hour. A transaction
 * lock per (questionnaire, network) makes concurrent posts count one after another.
 */
export async function enforceHourlyLimit(trx: Transaction<Database>, questionnaireId: string, hash: string, limit: number) {
	if (limit <= 0) return;
	await sql`select pg_advisory_xact_lock(hashtextextended(${`${questionnaireId}:${hash}`}, 0))`.execute(trx);
	const row = await trx
		.selectFrom('responses')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('questionnaire_id', '=', questionnaireId)
		.where('client_hash', '=', hash)
		.where('submitted_at', '>', sql<Date>`now() - interval '1 hour'`)
		.executeTakeFirstOrThrow();
	if (Number(row.n) > limit) throw new TooManyResponsesError();
}

export async function getOpenLinkLimits(db: Db, questionnaireId: string): Promise<OpenLinkLimits | null> {
	const row = await db
		.selectFrom('questionnaires')
		.select(['link_hourly_limit_per_ip', 'link_once_per_browser'])
		.where('id', '=', questionnaireId)
		.executeTakeFirst();
	return row ? { hourlyPerIp: row.link_hourly_limit_per_ip, oncePerBrowser: row.link_once_per_browser } : null;
}

export async function setOpenLinkLimits(db: Db, questionnaireId: string, limits: OpenLinkLimits): Promise<boolean> {
	const result = await db
		.updateTable('questionnaires')
		.set({ link_hourly_limit_per_ip: limits.hourlyPerIp, link_once_per_browser: limits.oncePerBrowser })
		.where('id', '=', questionnaireId)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}
