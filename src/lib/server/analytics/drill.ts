import { sql } from 'kysely';
import type { Db } from '../db';
import type { Filters } from '../../domain/analytics/filters';
import { filteredResponses } from './source';

export const DRILL_PAGE_SIZE = 50;

/**
 * The filtered responses that answered "no" to a key question, newest first, with the
 * customer's "why" (the text questions shown only after that "no").
 */
export async function noAnswers(db: Db, questionnaireId: string, timeZone: string, f: Filters, questionId: string, whyIds: string[], page: number) {
	const { rows } = await sql<{ id: string; submitted_at: Date; channel: 'web' | 'phone'; agent_code: string | null; why: string | null; total: string }>`
		select r.id, r.submitted_at, r.channel, r.agent_code, w.why, count(*) over () as total
		from (${filteredResponses(questionnaireId, timeZone, f)}) r
		join answers a on a.response_id = r.id and a.question_id = ${questionId} and a.yes_no = false
		left join lateral (
			select string_agg(t.text, ' / ') as why from answers t
			where t.response_id = r.id and t.question_id in (${sql.join(whyIds.length > 0 ? whyIds : [''])})
		) w on true
		order by r.submitted_at desc, r.id
		limit ${DRILL_PAGE_SIZE} offset ${(page - 1) * DRILL_PAGE_SIZE}`.execute(db);
	return {
		total: rows.length > 0 ? Number(rows[0]!.total) : 0,
		rows: rows.map((r) => ({ id: r.id, submittedAt: new Date(r.submitted_at).toISOString(), channel: r.channel, agentCode: r.agent_code, why: r.why }))
	};
}
