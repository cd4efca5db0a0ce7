import type { Db } from '../db';
import type { RetryPolicy } from '../../domain/scheduling/retry-policy';

/** A campaign's retry policy and whether it keeps its own calling hours; null when unknown. */
export async function campaignPolicy(db: Db, campaignId: string) {
	const row = await db
		.selectFrom('campaigns')
		.select(['id', 'name', 'status', 'max_attempts', 'max_deferrals', 'daily_attempt_cap', 'voicemail_cap', 'rotate_dayparts', 'own_calling_hours'])
		.where('id', '=', campaignId)
		.executeTakeFirst();
	if (!row) return null;
	const policy: RetryPolicy = {
		maxAttempts: row.max_attempts,
		maxDeferrals: row.max_deferrals,
		dailyAttemptCap: row.daily_attempt_cap,
		voicemailCap: row.voicemail_cap,
		rotateDayparts: row.rotate_dayparts
	};
	return { id: row.id, name: row.name, status: row.status, policy, ownHours: row.own_calling_hours };
}

export async function savePolicy(db: Db, campaignId: string, p: RetryPolicy): Promise<boolean> {
	const result = await db
		.updateTable('campaigns')
		.set({
			max_attempts: p.maxAttempts,
			max_deferrals: p.maxDeferrals,
			daily_attempt_cap: p.dailyAttemptCap,
			voicemail_cap: p.voicemailCap,
			rotate_dayparts: p.rotateDayparts
		})
		.where('id', '=', campaignId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}
