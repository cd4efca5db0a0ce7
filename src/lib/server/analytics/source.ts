import { sql, type RawBuilder } from 'kysely';
import type { Filters } from '../../domain/analytics/filters';
import { DETRACTOR_MAX, PROMOTER_MIN } from '../../domain/analytics/scores';

/**
 * The facts every analytics aggregate reads, with the columns of `analytics_rollups`:
 * the slice (day … status), then question_id, kind, cause, value and a count n.
 * Two sources give the same facts: the rollup table (fast) and the raw responses and
 * answers (for a contact-attribute filter, drill-downs, rebuilding and for checking the
 * rollups). Aggregates are written once over either.
 */
export type Source = RawBuilder<unknown>;

/** Filters on the slice columns; both sources name them alike. */
export function sliceConditions(f: Filters): RawBuilder<unknown>[] {
	const c: RawBuilder<unknown>[] = [sql`status in (${sql.join(f.statuses)})`];
	if (f.from) c.push(sql`day >= ${f.from}::date`);
	if (f.to) c.push(sql`day <= ${f.to}::date`);
	if (f.channel) c.push(sql`channel = ${f.channel}`);
	if (f.campaign) c.push(sql`campaign_key = ${f.campaign}`);
	if (f.version) c.push(sql`version_id = ${f.version}::uuid`);
	if (f.tier !== undefined) c.push(sql`tier = ${f.tier}`);
	if (f.industry !== undefined) c.push(sql`industry = ${f.industry}`);
	if (f.agent) c.push(sql`agent_key = ${f.agent}`);
	return c;
}

export const and = (c: RawBuilder<unknown>[]) => sql.join(c, sql` and `);

/** The slice columns that only some cuboids keep, with their cuboid (see migration 0040). */
export const CUBOID_OF = { campaign_key: 1, agent_key: 2, tier: 3, industry: 4 } as const;
export type CuboidColumn = keyof typeof CUBOID_OF;

/** The smallest cuboid that keeps every column the filters (and a grouping) need. */
export function cuboidFor(f: Filters, groupBy?: string): number {
	const needed = new Set<CuboidColumn>();
	if (f.campaign) needed.add('campaign_key');
	if (f.agent) needed.add('agent_key');
	if (f.tier !== undefined) needed.add('tier');
	if (f.industry !== undefined) needed.add('industry');
	if (groupBy && groupBy in CUBOID_OF) needed.add(groupBy as CuboidColumn);
	if (needed.size === 0) return 0;
	return needed.size === 1 ? CUBOID_OF[[...needed][0]!] : 5;
}

/**
 * Which rows of a rollup table one cuboid is: the columns it does not keep are '' there,
 * and saying so makes the kept column (and then the day) a range of the primary key.
 */
function cuboidRows(questionnaireId: string, cuboid: number): RawBuilder<unknown> {
	const dropped = cuboid === 5 ? [] : Object.entries(CUBOID_OF).filter(([, c]) => c !== cuboid).map(([column]) => sql`${sql.ref(column)} = ''`);
	return and([sql`questionnaire_id = ${questionnaireId}::uuid`, sql`cuboid = ${sql.lit(cuboid)}`, ...dropped]);
}

/** Rollup facts under the filters, from the cuboid that answers them. */
export function rollupSource(questionnaireId: string, f: Filters): Source {
	return sql`select * from analytics_rollups where ${cuboidRows(questionnaireId, cuboidFor(f))} and ${and(sliceConditions(f))}`;
}

/** Which responses the raw facts cover: one questionnaire's, or a list of responses. */
export type RawScope = { questionnaireId: string } | { responseIds: string[] };

/**
 * The common part of the raw sources: `meta` (each version's questions with kind and
 * cause) and `resp` (the scope's submitted responses with their slice, under the filters).
 */
function rawResponses(scope: RawScope, timeZone: string, f?: Filters): RawBuilder<unknown> {
	const versions =
		'questionnaireId' in scope
			? sql`v.questionnaire_id = ${scope.questionnaireId}::uuid`
			: sql`v.id in (select version_id from responses where id = any(${scope.responseIds}::uuid[]))`;
	const responses =
		'questionnaireId' in scope ? sql`r.questionnaire_id = ${scope.questionnaireId}::uuid` : sql`r.id = any(${scope.responseIds}::uuid[])`;
	const conditions = f ? sliceConditions(f) : [];
	if (f?.attribute) conditions.push(sql`attributes ->> ${f.attribute.key} = ${f.attribute.value}`);
	return sql`
		with meta as materialized (
			select v.id as version_id, q ->> 'id' as question_id, q ->> 'kind' as kind, coalesce(q ->> 'cause', '') as cause
			from questionnaire_versions v cross join lateral jsonb_array_elements(v.definition -> 'questions') q
			where ${versions}
		),
		sliced as (
			select r.id, r.questionnaire_id, (r.submitted_at at time zone ${timeZone})::date as day, r.version_id, r.channel,
				coalesce(r.campaign_id::text, '') as campaign_key, coalesce(r.agent_id::text, '') as agent_key,
				coalesce(c.tier, '') as tier, coalesce(c.industry, '') as industry, r.status, c.attributes
			from responses r left join contacts c on c.id = r.contact_id
			where ${responses} and r.status <> 'in_progress'
		),
		resp as (select * from sliced ${conditions.length > 0 ? sql`where ${and(conditions)}` : sql``})`;
}

/**
 * Facts computed from the responses themselves: one row per submitted response
 * (question_id '') and one per answer value (a chosen option each, plus '' for "answered"
 * on choice and text questions). Tier and industry are the contact's.
 * Migration 0040's backfill runs this: its facts must stay as they are.
 */
export function rawSource(scope: RawScope, timeZone: string, f?: Filters): Source {
	return sql`
		${rawResponses(scope, timeZone, f)}
		select resp.questionnaire_id, resp.day, resp.version_id, resp.channel, resp.campaign_key, resp.agent_key, resp.tier,
			resp.industry, resp.status, '' as question_id, '' as kind, '' as cause, '' as value, 1 as n
		from resp
		union all
		select resp.questionnaire_id, resp.day, resp.version_id, resp.channel, resp.campaign_key, resp.agent_key, resp.tier,
			resp.industry, resp.status, a.question_id, m.kind, m.cause, v.value, 1 as n
		from resp
		join answers a on a.response_id = resp.id
		join meta m on m.version_id = resp.version_id and m.question_id = a.question_id
		cross join lateral (
			select case when a.yes_no then 'yes' when not a.yes_no then 'no' when a.number is not null then a.number::text else '' end as value
			union all
			select unnest(a.choices)
		) v`;
}

/** The per-response sums of `analytics_score_rollups` (migration 0041), after the slice columns. */
export const SCORE_SUMS = ['responses', 'key_yes', 'key_total', 'rating_n', 'rating_sum', 'rating_squares', 'nps_n', 'promoters', 'detractors'] as const;

/**
 * One row per submitted response with its slice and the sums the scores need: the
 * same numbers `addFact` takes from the raw facts (an empty rating or NPS counts as 0,
 * as there), so trends and segments agree from either source.
 */
export function rawScoreSource(scope: RawScope, timeZone: string, f?: Filters): Source {
	const value = sql`coalesce(a.number, 0)`;
	return sql`
		${rawResponses(scope, timeZone, f)}
		select resp.questionnaire_id, resp.day, resp.version_id, resp.channel, resp.campaign_key, resp.agent_key, resp.tier,
			resp.industry, resp.status, 1 as responses,
			count(*) filter (where m.kind = 'key' and a.yes_no) as key_yes,
			count(*) filter (where m.kind = 'key') as key_total,
			count(*) filter (where m.kind = 'rating') as rating_n,
			coalesce(sum(${value}) filter (where m.kind = 'rating'), 0) as rating_sum,
			coalesce(sum(${value} * ${value}) filter (where m.kind = 'rating'), 0) as rating_squares,
			count(*) filter (where m.kind = 'nps') as nps_n,
			count(*) filter (where m.kind = 'nps' and ${value} >= ${sql.lit(PROMOTER_MIN)}) as promoters,
			count(*) filter (where m.kind = 'nps' and ${value} <= ${sql.lit(DETRACTOR_MAX)}) as detractors
		from resp
		left join answers a on a.response_id = resp.id
		left join meta m on m.version_id = resp.version_id and m.question_id = a.question_id
		group by resp.id, resp.questionnaire_id, resp.day, resp.version_id, resp.channel, resp.campaign_key, resp.agent_key, resp.tier,
			resp.industry, resp.status`;
}

/** Score rows under the filters from the score rollups' cuboid that answers them (and a grouping by `groupBy`). */
export function scoreRollupSource(questionnaireId: string, f: Filters, groupBy?: string): Source {
	return sql`select * from analytics_score_rollups where ${cuboidRows(questionnaireId, cuboidFor(f, groupBy))} and ${and(sliceConditions(f))}`;
}

/**
 * The submitted responses that match the filters, one row each, with what exports and
 * drill-downs show: time, version number, channel, status, campaign name, agent code,
 * contact, tier and industry.
 */
export function filteredResponses(questionnaireId: string, timeZone: string, f: Filters): Source {
	const conditions = sliceConditions(f);
	if (f.attribute) conditions.push(sql`attributes ->> ${f.attribute.key} = ${f.attribute.value}`);
	return sql`
		select * from (
			select r.id, r.submitted_at, v.number as version_number, r.channel, r.status, cp.name as campaign_name, u.agent_code,
				r.contact_id::text as contact_id, (r.submitted_at at time zone ${timeZone})::date as day, r.version_id,
				coalesce(r.campaign_id::text, '') as campaign_key, coalesce(r.agent_id::text, '') as agent_key,
				coalesce(c.tier, '') as tier, coalesce(c.industry, '') as industry, c.attributes
			from responses r
			join questionnaire_versions v on v.id = r.version_id
			left join contacts c on c.id = r.contact_id
			left join campaigns cp on cp.id = r.campaign_id
			left join users u on u.id = r.agent_id
			where r.questionnaire_id = ${questionnaireId}::uuid and r.status <> 'in_progress'
		) s
		where ${and(conditions)}`;
}
