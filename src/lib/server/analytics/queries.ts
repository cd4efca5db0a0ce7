import { sql } from 'kysely';
import type { Db } from '../db';
import { DETRACTOR_MAX, PROMOTER_MIN } from '../../domain/analytics/scores';

/**
 * Every question of every version of one questionnaire, with its kind and cause,
 * read from the version definitions: analytics across versions matches by stable id.
 */
const questionMeta = (questionnaireId: string) => sql`
	select v.id as version_id, q->>'id' as question_id, q->>'kind' as kind, q->>'cause' as cause
	from questionnaire_versions v
	cross join lateral jsonb_array_elements(v.definition->'questions') q
	where v.questionnaire_id = ${questionnaireId}`;

/**
 * Answers of submitted responses (completed or partial) joined to their question's meta.
 * MATERIALIZED: expand the few version definitions once, not once per response row.
 */
const submittedAnswers = (questionnaireId: string) => sql`
	with meta as materialized (${questionMeta(questionnaireId)})
	select r.channel, r.submitted_at, a.question_id, a.yes_no, a.number, a.choices, m.kind, m.cause
	from responses r
	join answers a on a.response_id = r.id
	join meta m on m.version_id = r.version_id and m.question_id = a.question_id
	where r.questionnaire_id = ${questionnaireId} and r.status <> 'in_progress'`;

export async function responsesByChannel(db: Db, questionnaireId: string) {
	const rows = await db
		.selectFrom('responses')
		.select(['channel', (eb) => eb.fn.countAll<string>().as('n')])
		.where('questionnaire_id', '=', questionnaireId)
		.where('status', '!=', 'in_progress')
		.groupBy('channel')
		.execute();
	return { web: 0, phone: 0, ...Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)])) } as Record<
		'web' | 'phone',
		number
	>;
}

export async function keyQuestionCounts(db: Db, questionnaireId: string) {
	const { rows } = await sql<{ question_id: string; yes: string; total: string }>`
		select question_id, count(*) filter (where yes_no) as yes, count(*) as total
		from (${submittedAnswers(questionnaireId)}) s
		where kind = 'key'
		group by question_id`.execute(db);
	return rows.map((r) => ({ questionId: r.question_id, yes: Number(r.yes), total: Number(r.total) }));
}

export async function noCountsByCause(db: Db, questionnaireId: string) {
	const { rows } = await sql<{ cause: string; n: string }>`
		select cause, count(*) as n
		from (${submittedAnswers(questionnaireId)}) s
		where kind = 'key' and yes_no = false
		group by cause`.execute(db);
	return Object.fromEntries(rows.map((r) => [r.cause, Number(r.n)])) as Record<string, number>;
}

/** How often each option of single and multiple choice questions was chosen, and by how many answers. */
export async function choiceCounts(db: Db, questionnaireId: string) {
	const { rows } = await sql<{ question_id: string; choice: string | null; n: string }>`
		with chosen as (
			select question_id, choices from (${submittedAnswers(questionnaireId)}) s
			where kind in ('single', 'multiple')
		)
		select question_id, c as choice, count(*) as n from chosen cross join unnest(choices) c group by question_id, c
		union all
		select question_id, null, count(*) from chosen group by question_id`.execute(db);
	return rows.map((r) => ({ questionId: r.question_id, choice: r.choice, n: Number(r.n) }));
}

export interface DailyRow {
	day: string;
	responses: number;
	ratingSum: number;
	ratingCount: number;
	promoters: number;
	detractors: number;
	npsCount: number;
	keyYes: number;
	keyTotal: number;
}

/** One row per day (in `timeZone`) with the sums the trend charts need. */
export async function dailyTrend(db: Db, questionnaireId: string, timeZone: string): Promise<DailyRow[]> {
	const { rows } = await sql<Record<string, string>>`
		with a as (${submittedAnswers(questionnaireId)}),
		days as (
			select to_char(submitted_at at time zone ${timeZone}, 'YYYY-MM-DD') as day, count(*) as responses
			from responses
			where questionnaire_id = ${questionnaireId} and status <> 'in_progress'
			group by 1
		),
		sums as (
			select to_char(submitted_at at time zone ${timeZone}, 'YYYY-MM-DD') as day,
				coalesce(sum(number) filter (where kind = 'rating'), 0) as rating_sum,
				count(*) filter (where kind = 'rating') as rating_count,
				count(*) filter (where kind = 'nps' and number >= ${PROMOTER_MIN}) as promoters,
				count(*) filter (where kind = 'nps' and number <= ${DETRACTOR_MAX}) as detractors,
				count(*) filter (where kind = 'nps') as nps_count,
				count(*) filter (where kind = 'key' and yes_no) as key_yes,
				count(*) filter (where kind = 'key') as key_total
			from a
			group by 1
		)
		select d.day, d.responses, s.rating_sum, s.rating_count, s.promoters, s.detractors,
			s.nps_count, s.key_yes, s.key_total
		from days d left join sums s on s.day = d.day
		order by d.day`.execute(db);
	return rows.map((r) => ({
		day: String(r.day),
		responses: Number(r.responses),
		ratingSum: Number(r.rating_sum ?? 0),
		ratingCount: Number(r.rating_count ?? 0),
		promoters: Number(r.promoters ?? 0),
		detractors: Number(r.detractors ?? 0),
		npsCount: Number(r.nps_count ?? 0),
		keyYes: Number(r.key_yes ?? 0),
		keyTotal: Number(r.key_total ?? 0)
	}));
}
