import { z } from 'zod';
import type { Db } from '../db';
import { DEFAULT_TOP_TIER_FACTOR, DEFAULT_TOP_TIERS } from '../../domain/follow-ups/deadlines';
import { DEFAULT_CASE_SETTINGS, type CaseSettings } from '../../domain/follow-ups/items';

/** App-wide loop settings, kept in app_settings under these keys. */
export interface LoopSettings {
	topTiers: string[];
	topTierFactor: number;
	/** Days after "customer informed" when the verification callback falls due. */
	verifyAfterDays: number;
}

export const DEFAULT_VERIFY_AFTER_DAYS = 3;
const KEY = 'follow_ups.settings';

export const loopSettingsSchema = z.object({
	topTiers: z
		.string()
		.trim()
		.max(200, 'too_long')
		.transform((s) => [...new Set(s.split(/[\s,，]+/).filter(Boolean))]),
	topTierFactor: z.coerce.number().min(0.1, 'invalid').max(1, 'invalid'),
	verifyAfterDays: z.coerce.number().int('invalid').min(0, 'invalid').max(60, 'invalid')
});

const stored = z.object({ topTiers: z.array(z.string()), topTierFactor: z.number(), verifyAfterDays: z.number().int() });

export async function loopSettings(db: Db): Promise<LoopSettings> {
	const row = await db.selectFrom('app_settings').select('value').where('key', '=', KEY).executeTakeFirst();
	const parsed = row ? stored.safeParse(JSON.parse(row.value)) : null;
	return parsed?.success
		? parsed.data
		: { topTiers: [...DEFAULT_TOP_TIERS], topTierFactor: DEFAULT_TOP_TIER_FACTOR, verifyAfterDays: DEFAULT_VERIFY_AFTER_DAYS };
}

export async function setLoopSettings(db: Db, s: LoopSettings): Promise<void> {
	const value = JSON.stringify(s);
	await db
		.insertInto('app_settings')
		.values({ key: KEY, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
}

export const caseSettingsSchema = z.object({
	enabled: z.literal('on').optional().transform((v) => v === 'on'),
	ratingAtMost: z
		.string()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.pipe(z.number().int().min(1, 'invalid').max(5, 'invalid').nullable()),
	npsDetractors: z.literal('on').optional().transform((v) => v === 'on')
});

export async function caseSettings(db: Db, questionnaireId: string): Promise<CaseSettings> {
	const row = await db
		.selectFrom('follow_up_questionnaire_settings')
		.select(['enabled', 'rating_at_most', 'nps_detractors'])
		.where('questionnaire_id', '=', questionnaireId)
		.executeTakeFirst();
	return row ? { enabled: row.enabled, ratingAtMost: row.rating_at_most, npsDetractors: row.nps_detractors } : DEFAULT_CASE_SETTINGS;
}

export async function setCaseSettings(db: Db, questionnaireId: string, s: CaseSettings): Promise<void> {
	const values = { enabled: s.enabled, rating_at_most: s.ratingAtMost, nps_detractors: s.npsDetractors };
	await db
		.insertInto('follow_up_questionnaire_settings')
		.values({ questionnaire_id: questionnaireId, ...values })
		.onConflict((oc) => oc.column('questionnaire_id').doUpdateSet(values))
		.execute();
}

/** Every questionnaire that is not archived, with its case settings (defaults where none are stored). */
export async function listCaseSettings(db: Db) {
	const rows = await db
		.selectFrom('questionnaires as q')
		.leftJoin('follow_up_questionnaire_settings as s', 's.questionnaire_id', 'q.id')
		.select(['q.id', 'q.title', 's.enabled', 's.rating_at_most', 's.nps_detractors'])
		.where('q.status', '!=', 'archived')
		.orderBy('q.title')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		enabled: r.enabled ?? DEFAULT_CASE_SETTINGS.enabled,
		ratingAtMost: r.rating_at_most ?? DEFAULT_CASE_SETTINGS.ratingAtMost,
		npsDetractors: r.nps_detractors ?? DEFAULT_CASE_SETTINGS.npsDetractors
	}));
}
