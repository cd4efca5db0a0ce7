import { sql } from 'kysely';
import type { Db } from '../db';
import type { Filters } from '../../domain/analytics/filters';
import { COMMENTS_MAX_PAGE, COMMENTS_PAGE_SIZE, FREQUENCY_COMMENT_CAP, commentKind, containsPattern, type CommentKind } from '../../domain/analytics/comments';
import { termFrequencies } from '../../domain/analytics/terms';
import { definitionSchema, type Question } from '../../domain/questionnaire/definition';
import { localize, type Locale } from '../../domain/locale';
import { filteredResponses } from './source';

/** The open answers (non-empty texts) of the filtered responses, matching the search if there is one, newest first. */
function matching(questionnaireId: string, timeZone: string, f: Filters, search: string | undefined) {
	return sql`
		from (${filteredResponses(questionnaireId, timeZone, f)}) r
		join answers a on a.response_id = r.id
		where a.text is not null and a.text <> ''
		${search ? sql`and a.text ilike ${containsPattern(search)} escape '\\'` : sql``}`;
}

/** Each version's questions by id, to name and classify the question a text answers. */
async function questionsByVersion(db: Db, questionnaireId: string) {
	const versions = await db.selectFrom('questionnaire_versions').select(['id', 'definition']).where('questionnaire_id', '=', questionnaireId).execute();
	return new Map(versions.map((v): [string, Map<string, Question>] => [v.id, new Map(definitionSchema.parse(v.definition).questions.map((q): [string, Question] => [q.id, q]))]));
}

export interface CommentRow {
	responseId: string;
	questionId: string;
	question: string;
	kind: CommentKind;
	text: string;
	submittedAt: string;
	channel: 'web' | 'phone';
	tier: string;
}

/**
 * One page of comments. `total` counts matches up to the last page offered (and one
 * more, so the page can say "more than"): counting every comment of a million
 * responses would cost more than the page it serves.
 */
export async function commentsPage(db: Db, questionnaireId: string, timeZone: string, f: Filters, search: string | undefined, page: number, locale: Locale) {
	const cap = COMMENTS_MAX_PAGE * COMMENTS_PAGE_SIZE;
	const [{ rows }, counted, questions] = await Promise.all([
		sql<{ id: string; submitted_at: Date; channel: 'web' | 'phone'; tier: string; version_id: string; question_id: string; text: string }>`
			select r.id, r.submitted_at, r.channel, r.tier, r.version_id, a.question_id, a.text
			${matching(questionnaireId, timeZone, f, search)}
			order by r.submitted_at desc, r.id, a.question_id
			limit ${COMMENTS_PAGE_SIZE} offset ${(page - 1) * COMMENTS_PAGE_SIZE}`.execute(db),
		sql<{ n: string }>`select count(*) as n from (select 1 ${matching(questionnaireId, timeZone, f, search)} limit ${cap + 1}) m`.execute(db),
		questionsByVersion(db, questionnaireId)
	]);
	const total = Number(counted.rows[0]?.n ?? 0);
	return {
		total: Math.min(total, cap),
		more: total > cap,
		rows: rows.map((r): CommentRow => {
			const question: Question | undefined = questions.get(r.version_id)?.get(r.question_id);
			return {
				responseId: r.id,
				questionId: r.question_id,
				question: question ? localize(question.text, locale) : r.question_id,
				kind: commentKind(question),
				text: r.text,
				submittedAt: new Date(r.submitted_at).toISOString(),
				channel: r.channel,
				tier: r.tier
			};
		})
	};
}

/** Word and phrase frequency of the newest matching comments (at most FREQUENCY_COMMENT_CAP). */
export async function commentTerms(db: Db, questionnaireId: string, timeZone: string, f: Filters, search: string | undefined, top = 30) {
	const { rows } = await sql<{ text: string }>`
		select a.text ${matching(questionnaireId, timeZone, f, search)}
		order by r.submitted_at desc, r.id, a.question_id
		limit ${FREQUENCY_COMMENT_CAP}`.execute(db);
	return termFrequencies(rows.map((r) => r.text), top);
}
