import { sql } from 'kysely';
import type { Db } from '../db';
import type { Source } from './source';

/** One count of the facts: a response (questionId '') or an answer value. */
export interface FactCount {
	questionId: string;
	kind: string;
	cause: string;
	value: string;
	n: number;
}

/** Counts by question and value over the whole filtered period. */
export async function totals(db: Db, source: Source): Promise<FactCount[]> {
	const { rows } = await sql<{ question_id: string; kind: string; cause: string; value: string; n: string }>`
		select question_id, kind, cause, value, sum(n) as n from (${source}) f group by question_id, kind, cause, value`.execute(db);
	return rows.map((r) => ({ questionId: r.question_id, kind: r.kind, cause: r.cause, value: r.value, n: Number(r.n) }));
}

/** Submitted responses by channel and status (the source should not filter on status). */
export async function channelSplit(db: Db, source: Source) {
	const { rows } = await sql<{ channel: 'web' | 'phone'; status: 'completed' | 'partial'; n: string }>`
		select channel, status, sum(n) as n from (${source}) f where question_id = '' group by channel, status`.execute(db);
	return rows.map((r) => ({ channel: r.channel, status: r.status, n: Number(r.n) }));
}

/** The scored values of one day (or segment): responses, key yes/no, ratings and NPS answers by value. */
export interface ScoreCount {
	group: string;
	kind: string;
	value: string;
	n: number;
}

const SCORED = sql`(question_id = '' or kind in ('key', 'rating', 'nps'))`;

/** Scored counts per calendar day. */
export async function dailyScores(db: Db, source: Source): Promise<ScoreCount[]> {
	const { rows } = await sql<{ grp: string; kind: string; value: string; n: string }>`
		select day::text as grp, kind, value, sum(n) as n from (${source}) f where ${SCORED}
		group by day, kind, value order by day`.execute(db);
	return rows.map((r) => ({ group: r.grp, kind: r.kind, value: r.value, n: Number(r.n) }));
}

export const SEGMENT_DIMENSIONS = ['tier', 'industry', 'campaign_key', 'agent_key', 'channel'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** Scored counts per value of each segment dimension, in one pass (grouping sets). */
export async function segmentScores(db: Db, source: Source): Promise<(ScoreCount & { dimension: SegmentDimension })[]> {
	const { rows } = await sql<{ tier: string | null; industry: string | null; campaign_key: string | null; agent_key: string | null; channel: string | null; kind: string; value: string; n: string }>`
		select tier, industry, campaign_key, agent_key, channel, kind, value, sum(n) as n from (${source}) f where ${SCORED}
		group by grouping sets ((tier, kind, value), (industry, kind, value), (campaign_key, kind, value), (agent_key, kind, value), (channel, kind, value))`.execute(db);
	return rows.map((r) => {
		const dimension = SEGMENT_DIMENSIONS.find((d) => r[d] !== null)!;
		return { dimension, group: r[dimension]!, kind: r.kind, value: r.value, n: Number(r.n) };
	});
}

/** The slice values present in a questionnaire's rollups, for the filter form's choices. */
export async function sliceValues(db: Db, questionnaireId: string) {
	const { rows } = await sql<{ tier: string; industry: string }>`
		select distinct tier, industry from analytics_rollups where questionnaire_id = ${questionnaireId}::uuid and question_id = ''`.execute(db);
	const sorted = (values: string[]) => [...new Set(values)].filter((v) => v !== '').sort();
	return { tiers: sorted(rows.map((r) => r.tier)), industries: sorted(rows.map((r) => r.industry)) };
}
