import { sql } from 'kysely';
import type { Db } from '../db';
import type { ChurnCause } from '../../domain/questionnaire/definition';

export interface LoopRow {
	cause: ChurnCause;
	opened: number;
	/** Median hours from opening to the owner's first action (null: none yet). */
	medianFirstActionHours: number | null;
	medianResolveHours: number | null;
	/** Resolved cases resolved before their deadline. */
	resolved: number;
	resolvedOnTime: number;
	/** Cases that reached a verification result, and of those verified without a reopening. */
	verifiedOrReopened: number;
	verifiedFirstTry: number;
	reopened: number;
}

const hours = (from: string, to: string) => sql<number>`extract(epoch from (${sql.ref(to)} - ${sql.ref(from)})) / 3600`;

/** Loop figures by cause, for one questionnaire or campaign (or all). */
export async function loopAnalytics(db: Db, f: { questionnaireId?: string; campaignId?: string }): Promise<LoopRow[]> {
	const resolvedFirst = sql<Date>`(select min(e.at) from follow_up_events e where e.follow_up_id = f.id and e.kind = 'resolved')`;
	const reached = sql<boolean>`(f.state = 'verified' or f.reopen_count > 0)`;
	const rows = await db
		.selectFrom('follow_ups as f')
		.select('f.cause')
		.select((eb) => [
			eb.fn.countAll<string>().as('opened'),
			sql<number | null>`percentile_cont(0.5) within group (order by ${hours('f.opened_at', 'f.first_action_at')})`.as('first_action'),
			sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from (${resolvedFirst} - f.opened_at)) / 3600)`.as('resolve'),
			sql<string>`count(*) filter (where ${resolvedFirst} is not null)`.as('resolved'),
			sql<string>`count(*) filter (where ${resolvedFirst} <= f.resolve_due)`.as('on_time'),
			sql<string>`count(*) filter (where ${reached})`.as('reached'),
			sql<string>`count(*) filter (where f.state = 'verified' and f.reopen_count = 0)`.as('first_try'),
			sql<string>`count(*) filter (where f.reopen_count > 0)`.as('reopened')
		])
		.$if(!!f.questionnaireId, (q) => q.where('f.questionnaire_id', '=', f.questionnaireId!))
		.$if(!!f.campaignId, (q) => q.where('f.campaign_id', '=', f.campaignId!))
		.groupBy('f.cause')
		.orderBy('f.cause')
		.execute();
	const round = (v: number | string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
	return rows.map((r) => ({
		cause: r.cause,
		opened: Number(r.opened),
		medianFirstActionHours: round(r.first_action),
		medianResolveHours: round(r.resolve),
		resolved: Number(r.resolved),
		resolvedOnTime: Number(r.on_time),
		verifiedOrReopened: Number(r.reached),
		verifiedFirstTry: Number(r.first_try),
		reopened: Number(r.reopened)
	}));
}
