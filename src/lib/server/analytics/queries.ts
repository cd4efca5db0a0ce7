import { sql } from 'kysely';
import type { Db } from '../db';
import type { Source } from './source';
import { rollupsCurrent } from './rollups';

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

/** Scored counts per value of each segment dimension; `sourceFor` gives the source to group each one on. */
export async function segmentScores(db: Db, sourceFor: (dimension: SegmentDimension) => Source): Promise<(ScoreCount & { dimension: SegmentDimension })[]> {
	const parts = SEGMENT_DIMENSIONS.map(
		(d) => sql`select ${sql.lit(d)} as dimension, ${sql.ref(d)} as grp, kind, value, sum(n) as n from (${sourceFor(d)}) f where ${SCORED} group by ${sql.ref(d)}, kind, value`
	);
	const { rows } = await sql<{ dimension: SegmentDimension; grp: string; kind: string; value: string; n: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
	return rows.map((r) => ({ dimension: r.dimension, group: r.grp, kind: r.kind, value: r.value, n: Number(r.n) }));
}

/** The tiers and industries present in a questionnaire's rollups (their own small cuboids), for the filter form. */
export async function sliceValues(db: Db, questionnaireId: string) {
	await rollupsCurrent(db);
	const { rows } = await sql<{ cuboid: number; value: string }>`
		select distinct cuboid, case when cuboid = 3 then tier else industry end as value
		from analytics_rollups where questionnaire_id = ${questionnaireId}::uuid and cuboid in (3, 4) and question_id = ''`.execute(db);
	const of = (cuboid: number) => rows.filter((r) => Number(r.cuboid) === cuboid && r.value !== '').map((r) => r.value).sort();
	return { tiers: of(3), industries: of(4) };
}

/** Names for the filter form and the segment tables: the questionnaire's campaigns and versions, the agents. */
export async function filterChoices(db: Db, questionnaireId: string) {
	const [campaigns, versions, agents, slices] = await Promise.all([
		db.selectFrom('campaigns').select(['id', 'name']).where('questionnaire_id', '=', questionnaireId).orderBy('created_at').execute(),
		db.selectFrom('questionnaire_versions').select(['id', 'number']).where('questionnaire_id', '=', questionnaireId).orderBy('number').execute(),
		db.selectFrom('users').select(['id', 'display_name', 'agent_code']).where('agent_code', 'is not', null).orderBy('agent_code').execute(),
		sliceValues(db, questionnaireId)
	]);
	return {
		campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
		versions: versions.map((v) => ({ id: v.id, number: v.number })),
		agents: agents.map((a) => ({ id: a.id, name: a.display_name, code: a.agent_code ?? '' })),
		...slices
	};
}
