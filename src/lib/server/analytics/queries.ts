import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db';
import { SCORE_SUMS, type Source } from './source';
import type { ScoreCounts } from '../../domain/analytics/summary';
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

/** Submitted responses by channel and status, from a score source (that should not filter on status). */
export async function channelSplit(db: Db, scoreSource: Source) {
	const { rows } = await sql<{ channel: 'web' | 'phone'; status: 'completed' | 'partial'; n: string }>`
		select channel, status, sum(responses) as n from (${scoreSource}) f group by channel, status`.execute(db);
	return rows.map((r) => ({ channel: r.channel, status: r.status, n: Number(r.n) }));
}

/** The score sums of one group (a day or a segment's value). */
export type ScoreRow = ScoreCounts & { group: string };

type SumColumns = Record<(typeof SCORE_SUMS)[number], string>;
const SUMS = sql.join(SCORE_SUMS.map((c) => sql`sum(${sql.ref(c)}) as ${sql.ref(c)}`));

const counts = (r: SumColumns): ScoreCounts => ({
	responses: Number(r.responses),
	keyYes: Number(r.key_yes),
	keyTotal: Number(r.key_total),
	ratingN: Number(r.rating_n),
	ratingSum: Number(r.rating_sum),
	ratingSquares: Number(r.rating_squares),
	npsTotal: Number(r.nps_n),
	promoters: Number(r.promoters),
	detractors: Number(r.detractors)
});

/** Score sums per calendar day. */
export async function dailyScores(db: Db, scoreSource: Source): Promise<ScoreRow[]> {
	const { rows } = await sql<SumColumns & { grp: string }>`
		select day::text as grp, ${SUMS} from (${scoreSource}) f group by day order by day`.execute(db);
	return rows.map((r) => ({ group: r.grp, ...counts(r) }));
}

export const SEGMENT_DIMENSIONS = ['tier', 'industry', 'campaign_key', 'agent_key', 'channel'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** Segment dimensions that one score source can group: all of them read it in one pass. */
export interface SegmentPart {
	source: Source;
	dimensions: readonly SegmentDimension[];
}

/** Score sums per value of each segment dimension, one grouping-sets pass per part, in one statement. */
export async function segmentScores(db: Db, parts: SegmentPart[]): Promise<(ScoreRow & { dimension: SegmentDimension })[]> {
	const queries = parts.map(({ source, dimensions }) => {
		const which = (value: (d: SegmentDimension) => RawBuilder<unknown>) =>
			sql`case ${sql.join(dimensions.map((d) => sql`when grouping(${sql.ref(d)}) = 0 then ${value(d)}`), sql` `)} end`;
		return sql`select ${which((d) => sql.lit(d))} as dimension, ${which((d) => sql.ref(d))} as grp, ${SUMS}
			from (${source}) f group by grouping sets (${sql.join(dimensions.map((d) => sql`(${sql.ref(d)})`))})`;
	});
	// Ordered, so that a replica and the primary (or rollups and raw answers) list segments alike.
	const { rows } = await sql<SumColumns & { dimension: SegmentDimension; grp: string }>`${sql.join(queries, sql` union all `)} order by dimension, grp`.execute(db);
	return rows.map((r) => ({ dimension: r.dimension, group: r.grp, ...counts(r) }));
}

/** The tiers and industries present in a questionnaire's score rollups (their own small cuboids), for the filter form. */
export async function sliceValues(db: Db, questionnaireId: string) {
	await rollupsCurrent(db);
	const { rows } = await sql<{ cuboid: number; value: string }>`
		select distinct cuboid, case when cuboid = 3 then tier else industry end as value
		from analytics_score_rollups where questionnaire_id = ${questionnaireId}::uuid and cuboid in (3, 4)`.execute(db);
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
