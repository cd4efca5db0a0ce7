import type { Db } from '../db';
import { definitionSchema } from '../../domain/questionnaire/definition';
import { storedAnswers } from './service';

export const RESPONSES_PAGE_SIZE = 50;

/** Submitted responses of a questionnaire, newest first, a page at a time. */
export async function listResponses(db: Db, questionnaireId: string, page: number) {
	const [rows, total] = await Promise.all([
		db
			.selectFrom('responses as r')
			.innerJoin('questionnaire_versions as v', 'v.id', 'r.version_id')
			.leftJoin('users as u', 'u.id', 'r.agent_id')
			.select(['r.id', 'r.channel', 'r.status', 'r.submitted_at', 'v.number as version', 'u.display_name as agent'])
			.where('r.questionnaire_id', '=', questionnaireId)
			.where('r.status', '!=', 'in_progress')
			.orderBy('r.submitted_at', 'desc')
			.orderBy('r.id')
			.limit(RESPONSES_PAGE_SIZE)
			.offset((page - 1) * RESPONSES_PAGE_SIZE)
			.execute(),
		db
			.selectFrom('responses')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.where('questionnaire_id', '=', questionnaireId)
			.where('status', '!=', 'in_progress')
			.executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(total.n) };
}

/** One response with the version it answered, so it reads as the customer saw it. */
export async function getResponse(db: Db, questionnaireId: string, responseId: string) {
	const response = await db
		.selectFrom('responses as r')
		.innerJoin('questionnaire_versions as v', 'v.id', 'r.version_id')
		.leftJoin('users as u', 'u.id', 'r.agent_id')
		.select(['r.id', 'r.channel', 'r.status', 'r.submitted_at', 'v.number as version', 'v.definition', 'u.display_name as agent'])
		.where('r.id', '=', responseId)
		.where('r.questionnaire_id', '=', questionnaireId)
		.executeTakeFirst();
	if (!response) return null;
	const answers = await storedAnswers(db, responseId);
	return { ...response, definition: definitionSchema.parse(response.definition), answers };
}
