import type { Db } from '../db';
import { latestVersion } from '../questionnaires/service';
import { churnShares, nps, wilsonInterval, yesRate } from '../../domain/analytics/scores';
import type { ChurnCause } from '../../domain/questionnaire/definition';
import { choiceCounts, dailyTrend, keyQuestionCounts, noCountsByCause, responsesByChannel } from './queries';
import { OTHER } from '../../domain/questionnaire/definition';

/** Everything the analytics page of one questionnaire shows; numbers come from SQL aggregates. */
export async function questionnaireAnalytics(db: Db, questionnaireId: string, timeZone: string) {
	const version = await latestVersion(db, questionnaireId);
	if (!version) return null;
	const [channels, keyCounts, causes, days, choices] = await Promise.all([
		responsesByChannel(db, questionnaireId),
		keyQuestionCounts(db, questionnaireId),
		noCountsByCause(db, questionnaireId),
		dailyTrend(db, questionnaireId, timeZone),
		choiceCounts(db, questionnaireId)
	]);
	const chosen = (questionId: string, choice: string | null) =>
		choices.find((c) => c.questionId === questionId && c.choice === choice)?.n ?? 0;
	const countsById = new Map(keyCounts.map((k) => [k.questionId, k]));
	const keyQuestions = version.definition.questions
		.filter((q) => q.kind === 'key')
		.map((q) => {
			const c = countsById.get(q.id) ?? { yes: 0, total: 0 };
			return {
				id: q.id,
				text: q.text,
				cause: q.cause,
				yes: c.yes,
				total: c.total,
				rate: yesRate(c.yes, c.total),
				interval: wilsonInterval(c.yes, c.total)
			};
		});
	// Shares are of the customers who answered the question: a multiple choice can add up to more than 100 %.
	const choiceQuestions = version.definition.questions.flatMap((q) => {
		if (q.kind !== 'single' && q.kind !== 'multiple') return [];
		const answered = chosen(q.id, null);
		const options = [...q.options.map((o) => ({ id: o.id, text: o.text })), ...(q.allowOther ? [{ id: OTHER, text: null }] : [])];
		return [
			{
				id: q.id,
				kind: q.kind,
				text: q.text,
				answered,
				options: options.map((o) => ({ ...o, n: chosen(q.id, o.id), share: yesRate(chosen(q.id, o.id), answered) }))
			}
		];
	});
	return {
		version,
		channels,
		keyQuestions,
		choiceQuestions,
		churn: churnShares(causes as Partial<Record<ChurnCause, number>>),
		trend: days.map((d) => ({
			day: d.day,
			responses: d.responses,
			satisfaction: d.ratingCount > 0 ? d.ratingSum / d.ratingCount : null,
			nps: nps({ promoters: d.promoters, detractors: d.detractors, total: d.npsCount }),
			keyYesRate: yesRate(d.keyYes, d.keyTotal)
		}))
	};
}
