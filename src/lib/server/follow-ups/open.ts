import type { Db } from '../db';
import { timeZone } from '../config';
import { definitionSchema, type Definition } from '../../domain/questionnaire/definition';
import { caseItems, routingCause } from '../../domain/follow-ups/items';
import { caseDeadlines, DEFAULT_SLA, nextAssignee } from '../../domain/follow-ups/deadlines';
import type { AnswerValue } from '../../domain/questionnaire/answers';
import { caseSettings, loopSettings } from './settings';
import { addEvent } from './events';

// Read here rather than through responses/service, which calls this module (no import cycle).
async function answersOf(trx: Db, responseId: string): Promise<Map<string, AnswerValue>> {
	const rows = await trx
		.selectFrom('answers')
		.select(['question_id', 'yes_no', 'number', 'choices', 'text'])
		.where('response_id', '=', responseId)
		.execute();
	return new Map(rows.map((r) => [r.question_id, { questionId: r.question_id, yesNo: r.yes_no, number: r.number, choices: r.choices, text: r.text }]));
}

/**
 * Opens the follow-up case of a completed response, in the submit transaction:
 * one item per "no" (and, if the questionnaire asks for it, low ratings and NPS
 * detractors). The unique key on response_id makes a retried submission a no-op.
 * Returns the case id, or null when the answers hold no problem. A caller holding the
 * answers and their version (`known`) spares most submissions, which hold no problem,
 * reading them back.
 */
export async function openCasesForResponse(
	trx: Db,
	responseId: string,
	now: Date,
	known?: { questionnaireId: string; definition: Definition; answers: AnswerValue[] }
): Promise<string | null> {
	if (known) {
		const answers = new Map(known.answers.map((a) => [a.questionId, a]));
		if (caseItems(known.definition, answers, await caseSettings(trx, known.questionnaireId)).length === 0) return null;
	}
	const response = await trx
		.selectFrom('responses as r')
		.innerJoin('questionnaire_versions as v', 'v.id', 'r.version_id')
		.leftJoin('contacts as k', 'k.id', 'r.contact_id')
		.select(['r.questionnaire_id', 'r.contact_id', 'r.campaign_id', 'r.agent_id', 'r.status', 'v.definition', 'k.tier'])
		.where('r.id', '=', responseId)
		.executeTakeFirst();
	if (!response || response.status === 'in_progress') return null;
	const settings = await caseSettings(trx, response.questionnaire_id);
	const items = caseItems(definitionSchema.parse(response.definition), await answersOf(trx, responseId), settings);
	if (items.length === 0) return null;

	const cause = routingCause(items);
	const route = await trx.selectFrom('follow_up_routes').selectAll().where('cause', '=', cause).executeTakeFirst();
	const loop = await loopSettings(trx);
	const deadlines = caseDeadlines(
		now,
		route ? { firstActionHours: route.first_action_hours, resolveHours: route.resolve_hours } : DEFAULT_SLA,
		{ tier: response.tier, topTiers: loop.topTiers, factor: loop.topTierFactor, timeZone: timeZone() }
	);
	const created = await trx
		.insertInto('follow_ups')
		.values({
			response_id: responseId,
			questionnaire_id: response.questionnaire_id,
			contact_id: response.contact_id,
			campaign_id: response.campaign_id,
			first_agent_id: response.agent_id,
			cause,
			tier: response.tier,
			team_id: route?.team_id ?? null,
			opened_at: now,
			first_action_due: deadlines.firstActionDue,
			resolve_due: deadlines.resolveDue
		})
		.onConflict((oc) => oc.column('response_id').doNothing())
		.returning('id')
		.executeTakeFirst();
	if (!created) return null;

	const notes = new Map(
		(await trx.selectFrom('follow_up_call_notes').select(['question_id', 'note']).where('response_id', '=', responseId).execute()).map((n) => [
			n.question_id,
			n.note
		])
	);
	await trx
		.insertInto('follow_up_items')
		.values(
			items.map((item, position) => ({
				follow_up_id: created.id,
				position,
				question_id: item.questionId,
				kind: item.kind,
				cause: item.cause,
				question_text: JSON.stringify(item.questionText),
				prepared_response: item.preparedResponse && JSON.stringify(item.preparedResponse),
				answer_number: item.answerNumber,
				why_text: item.whyText,
				note: notes.get(item.questionId) ?? null
			}))
		)
		.execute();
	await addEvent(trx, { caseId: created.id, at: now, userId: null, kind: 'opened', detail: { items: items.length, cause } });
	if (route?.assignment === 'round_robin') await assignRoundRobin(trx, created.id, route.team_id, now);
	return created.id;
}

/** Gives the case to the team member who got one longest ago; the team's rows are locked so two cases never race. */
async function assignRoundRobin(trx: Db, caseId: string, teamId: string, now: Date): Promise<void> {
	const members = await trx
		.selectFrom('follow_up_team_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.select(['m.user_id', 'm.last_assigned_at'])
		.where('m.team_id', '=', teamId)
		.where('u.disabled_at', 'is', null)
		.forUpdate('m')
		.execute();
	const owner = nextAssignee(members.map((m) => ({ userId: m.user_id, lastAssignedAt: m.last_assigned_at && new Date(m.last_assigned_at) })));
	if (!owner) return;
	await trx.updateTable('follow_up_team_members').set({ last_assigned_at: now }).where('team_id', '=', teamId).where('user_id', '=', owner).execute();
	await trx.updateTable('follow_ups').set({ owner_id: owner }).where('id', '=', caseId).execute();
	await addEvent(trx, { caseId, at: now, userId: null, kind: 'assigned', detail: { owner, by: 'round_robin' } });
}
