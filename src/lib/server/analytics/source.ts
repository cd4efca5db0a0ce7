import { sql, type RawBuilder } from 'kysely';
import type { Filters } from '../../domain/analytics/filters';

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

/** Rollup facts under the filters, from the cuboid that answers them (and a grouping by `groupBy`). */
export function rollupSource(questionnaireId: string, f: Filters, groupBy?: string): Source {
	return sql`select * from analytics_rollups
		where questionnaire_id = ${questionnaireId}::uuid and cuboid = ${cuboidFor(f, groupBy)} and ${and(sliceConditions(f))}`;
}

/** Which responses the raw facts cover: one questionnaire's, or a list of responses. */
export type RawScope = { questionnaireId: string } | { responseIds: string[] };

/**
 * Facts computed from the responses themselves: one row per submitted response
 * (question_id '') and one per answer value (a chosen option each, plus '' for "answered"
 * on choice and text questions). Tier and industry are the contact's.
 */
export function rawSource(scope: RawScope, timeZone: string, f?: Filters): Source {
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
		resp as (select * from sliced ${conditions.length > 0 ? sql`where ${and(conditions)}` : sql``})
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
