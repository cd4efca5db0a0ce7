import type { Db } from '../db';
import { latestVersion } from '../questionnaires/service';
import { churnShares, nps, wilsonInterval, yesRate } from '../../domain/analytics/scores';
import type { ChurnCause } from '../../domain/questionnaire/definition';
import { dailyTrend, keyQuestionCounts, noCountsByCause, responsesByChannel } from './queries';

/** Everything the analytics page of one questionnaire shows; numbers come from SQL aggregates. */
export async function questionnaireAnalytics(db: Db, questionnaireId: string, timeZone: string) {
	const version = await latestVersion(db, questionnaireId);
	if (!version) return null;
	const [channels, keyCounts, causes, days] = await Promise.all([
		responsesByChannel(db, questionnaireId),
		keyQuestionCounts(db, questionnaireId),
		noCountsByCause(db, questionnaireId),
		dailyTrend(db, questionnaireId, timeZone)
	]);
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
	return {
		version,
		channels,
		keyQuestions,
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
