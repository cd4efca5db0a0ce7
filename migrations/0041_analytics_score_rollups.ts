import { sql, type Kysely } from 'kysely';

// Per-response score sums per day and slice, kept current in the submit transaction
// next to the answer counts of 0040 (src/lib/server/analytics/rollups.ts). Trends,
// segments and the channel split read these: one row per slice instead of one per
// question and value, about 30 times fewer rows. Same six cuboids and '' for "none"
// as 0040. The per-answer sums follow the analytics code: an empty rating or NPS counts
// as 0, NPS promoters are 9–10 and detractors 0–6.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('analytics_score_rollups')
		.addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('questionnaires.id').onDelete('cascade'))
		.addColumn('cuboid', 'smallint', (c) => c.notNull().check(sql`cuboid between 0 and 5`))
		.addColumn('day', 'date', (c) => c.notNull())
		.addColumn('version_id', 'uuid', (c) => c.notNull().references('questionnaire_versions.id').onDelete('cascade'))
		.addColumn('channel', 'text', (c) => c.notNull())
		.addColumn('campaign_key', 'text', (c) => c.notNull())
		.addColumn('agent_key', 'text', (c) => c.notNull())
		.addColumn('tier', 'text', (c) => c.notNull())
		.addColumn('industry', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('completed', 'partial')`))
		.addColumn('responses', 'bigint', (c) => c.notNull())
		.addColumn('key_yes', 'bigint', (c) => c.notNull())
		.addColumn('key_total', 'bigint', (c) => c.notNull())
		.addColumn('rating_n', 'bigint', (c) => c.notNull())
		.addColumn('rating_sum', 'bigint', (c) => c.notNull())
		.addColumn('rating_squares', 'bigint', (c) => c.notNull())
		.addColumn('nps_n', 'bigint', (c) => c.notNull())
		.addColumn('promoters', 'bigint', (c) => c.notNull())
		.addColumn('detractors', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('analytics_score_rollups_pk', [
			'questionnaire_id',
			'cuboid',
			'campaign_key',
			'agent_key',
			'tier',
			'industry',
			'day',
			'version_id',
			'channel',
			'status'
		])
		.execute();
	// With a filter on agent, tier or industry, segments by another of them read the
	// all-slices cuboid; these make that filter a range there too.
	for (const column of ['agent_key', 'tier', 'industry'])
		await sql`create index ${sql.id(`analytics_score_rollups_all_by_${column}`)} on analytics_score_rollups (questionnaire_id, ${sql.ref(column)}, day)
			where cuboid = 5`.execute(db);
	await backfill(db);
}

/** The sums of every submitted response so far, in every cuboid; frozen here so later code changes cannot alter this step. */
async function backfill(db: Kysely<unknown>): Promise<void> {
	const timeZone = process.env.APP_TIMEZONE || 'Asia/Shanghai';
	const kept = (column: string, cuboid: number) => sql`case when c.cuboid in (${sql.lit(cuboid)}, 5) then f.${sql.ref(column)} else '' end`;
	const v = sql`coalesce(a.number, 0)`;
	await sql`
		with meta as materialized (
			select v.id as version_id, q ->> 'id' as question_id, q ->> 'kind' as kind
			from questionnaire_versions v cross join lateral jsonb_array_elements(v.definition -> 'questions') q
		),
		f as (
			select r.questionnaire_id, (r.submitted_at at time zone ${timeZone})::date as day, r.version_id, r.channel,
				coalesce(r.campaign_id::text, '') as campaign_key, coalesce(r.agent_id::text, '') as agent_key,
				coalesce(ct.tier, '') as tier, coalesce(ct.industry, '') as industry, r.status, 1 as responses,
				count(*) filter (where m.kind = 'key' and a.yes_no) as key_yes,
				count(*) filter (where m.kind = 'key') as key_total,
				count(*) filter (where m.kind = 'rating') as rating_n,
				coalesce(sum(${v}) filter (where m.kind = 'rating'), 0) as rating_sum,
				coalesce(sum(${v} * ${v}) filter (where m.kind = 'rating'), 0) as rating_squares,
				count(*) filter (where m.kind = 'nps') as nps_n,
				count(*) filter (where m.kind = 'nps' and ${v} >= 9) as promoters,
				count(*) filter (where m.kind = 'nps' and ${v} <= 6) as detractors
			from responses r
			left join contacts ct on ct.id = r.contact_id
			left join answers a on a.response_id = r.id
			left join meta m on m.version_id = r.version_id and m.question_id = a.question_id
			where r.status <> 'in_progress'
			group by r.id, ct.tier, ct.industry
		)
		insert into analytics_score_rollups (questionnaire_id, cuboid, campaign_key, agent_key, tier, industry, day, version_id, channel, status,
			responses, key_yes, key_total, rating_n, rating_sum, rating_squares, nps_n, promoters, detractors)
		select f.questionnaire_id, c.cuboid, ${kept('campaign_key', 1)}, ${kept('agent_key', 2)}, ${kept('tier', 3)}, ${kept('industry', 4)},
			f.day, f.version_id, f.channel, f.status, sum(responses), sum(key_yes), sum(key_total), sum(rating_n), sum(rating_sum),
			sum(rating_squares), sum(nps_n), sum(promoters), sum(detractors)
		from f cross join (values (0), (1), (2), (3), (4), (5)) c(cuboid)
		group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('analytics_score_rollups').execute();
}
