import type { Db } from '../db';
import { latestVersion } from '../questionnaires/service';
import { wilsonInterval, yesRate } from '../../domain/analytics/scores';
import { CHURN_CAUSES, OTHER, type ChurnCause } from '../../domain/questionnaire/definition';
import { previousPeriod, type Filters } from '../../domain/analytics/filters';
import { pareto } from '../../domain/analytics/pareto';
import { changes, emptyCounts, grainFor, groupCounts, periodStart, scores, addFact, type ScoreCounts } from '../../domain/analytics/summary';
import { channelSplit, dailyScores, segmentScores, SEGMENT_DIMENSIONS, totals, type FactCount, type ScoreRow, type SegmentDimension, type SegmentPart } from './queries';
import { cuboidFor, rawScoreSource, rawSource, rollupSource, scoreRollupSource } from './source';
import { rollupsCurrent } from './rollups';

export const ALL_SUBMITTED: Filters = { from: null, to: null, statuses: ['completed'] };

/** Rollups unless a filter needs the raw answers (a contact attribute) or the caller asks for them (checks). */
const useRaw = (f: Filters, raw: boolean) => raw || f.attribute !== undefined;

function sourceFor(questionnaireId: string, timeZone: string, f: Filters, raw: boolean) {
	return useRaw(f, raw) ? rawSource({ questionnaireId }, timeZone, f) : rollupSource(questionnaireId, f);
}

function scoreSourceFor(questionnaireId: string, timeZone: string, f: Filters, raw: boolean) {
	return useRaw(f, raw) ? rawScoreSource({ questionnaireId }, timeZone, f) : scoreRollupSource(questionnaireId, f);
}

/** Segment dimensions by the score source that groups them: one cuboid each (shared where they coincide), or the raw rows. */
function segmentParts(questionnaireId: string, timeZone: string, f: Filters, raw: boolean): SegmentPart[] {
	if (useRaw(f, raw)) return [{ source: rawScoreSource({ questionnaireId }, timeZone, f), dimensions: SEGMENT_DIMENSIONS }];
	const byCuboid = new Map<number, SegmentDimension[]>();
	for (const d of SEGMENT_DIMENSIONS) {
		const cuboid = cuboidFor(f, d);
		byCuboid.set(cuboid, [...(byCuboid.get(cuboid) ?? []), d]);
	}
	return [...byCuboid.values()].map((dimensions) => ({ source: scoreRollupSource(questionnaireId, f, dimensions[0]), dimensions }));
}

/**
 * The numbers of the analytics page under filters, from the rollups (or, with
 * `raw`, recomputed from every answer: both must agree).
 */
export async function analyticsNumbers(db: Db, questionnaireId: string, timeZone: string, f: Filters, raw = false) {
	if (!raw) await rollupsCurrent(db);
	const previous = previousPeriod(f);
	const [facts, channels, days, segments, before] = await Promise.all([
		totals(db, sourceFor(questionnaireId, timeZone, f, raw)),
		channelSplit(db, scoreSourceFor(questionnaireId, timeZone, { ...f, statuses: ['completed', 'partial'] }, raw)),
		dailyScores(db, scoreSourceFor(questionnaireId, timeZone, f, raw)),
		segmentScores(db, segmentParts(questionnaireId, timeZone, f, raw)),
		previous ? segmentScores(db, segmentParts(questionnaireId, timeZone, { ...f, ...previous }, raw)) : Promise.resolve([])
	]);
	return { facts, channels, days, segments, before, previous };
}

const count = (facts: FactCount[], questionId: string, value?: string) =>
	facts.filter((f) => f.questionId === questionId && (value === undefined || f.value === value)).reduce((s, f) => s + f.n, 0);

/** Everything the analytics page of one questionnaire shows, under the given filters. */
export async function questionnaireAnalytics(db: Db, questionnaireId: string, timeZone: string, f: Filters = ALL_SUBMITTED) {
	const version = await latestVersion(db, questionnaireId);
	if (!version) return null;
	const n = await analyticsNumbers(db, questionnaireId, timeZone, f);

	const channels = { web: { completed: 0, partial: 0 }, phone: { completed: 0, partial: 0 } };
	for (const c of n.channels) channels[c.channel][c.status] += c.n;

	const keyQuestions = version.definition.questions.flatMap((q) => {
		if (q.kind !== 'key') return [];
		const yes = count(n.facts, q.id, 'yes');
		const total = yes + count(n.facts, q.id, 'no');
		return [{ id: q.id, text: q.text, cause: q.cause, yes, no: total - yes, total, rate: yesRate(yes, total), interval: wilsonInterval(yes, total) }];
	});

	// Shares are of the customers who answered the question: a multiple choice can add up to more than 100 %.
	const choiceQuestions = version.definition.questions.flatMap((q) => {
		if (q.kind !== 'single' && q.kind !== 'multiple') return [];
		const answered = count(n.facts, q.id, '');
		const options = [...q.options.map((o) => ({ id: o.id, text: o.text })), ...(q.allowOther ? [{ id: OTHER, text: null }] : [])];
		return [{ id: q.id, kind: q.kind, text: q.text, answered, options: options.map((o) => ({ ...o, n: count(n.facts, q.id, o.id), share: yesRate(count(n.facts, q.id, o.id), answered) })) }];
	});

	// Causes across every version's key questions (matched by the cause stored with each fact).
	const noByCause: Partial<Record<ChurnCause, number>> = {};
	for (const fact of n.facts) if (fact.kind === 'key' && fact.value === 'no') noByCause[fact.cause as ChurnCause] = (noByCause[fact.cause as ChurnCause] ?? 0) + fact.n;

	const overall = emptyCounts();
	for (const fact of n.facts) addFact(overall, fact.questionId === '' ? '' : fact.kind, fact.value, fact.n);

	return {
		version,
		channels,
		responses: overall.responses,
		overall: scores(overall),
		keyQuestions,
		choiceQuestions,
		churn: pareto(noByCause, CHURN_CAUSES),
		trend: trend(n.days, f),
		segments: segmentTables(n.segments, n.before),
		previous: n.previous
	};
}

/** Trend points per day, week or month (by the range shown), each with its own scores. */
function trend(days: ScoreRow[], f: Filters) {
	if (days.length === 0) return { grain: 'day' as const, points: [] };
	const grain = grainFor(f.from ?? days[0]!.group, f.to ?? days.at(-1)!.group);
	const groups = groupCounts(days, (d) => periodStart(d.group, grain));
	return {
		grain,
		points: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, c]) => ({ period, ...scores(c) }))
	};
}

type SegmentRow = ScoreRow & { dimension: SegmentDimension };

function segmentTables(now: SegmentRow[], before: SegmentRow[]) {
	return SEGMENT_DIMENSIONS.map((dimension) => {
		const current = groupCounts(now.filter((r) => r.dimension === dimension));
		const previous = groupCounts(before.filter((r) => r.dimension === dimension));
		const rows = [...current.entries()]
			.map(([key, c]) => {
				const p: ScoreCounts | undefined = previous.get(key);
				return { key, ...scores(c), change: p ? changes(c, p) : null };
			})
			.sort((a, b) => b.responses - a.responses);
		return { dimension, rows };
	});
}
