import { sql, type Insertable } from 'kysely';
import type { Db } from '../db';
import type { AnswersTable, ResponsesTable } from '../db/types';
import { createFromTemplate, publish, latestVersion } from '../questionnaires/service';
import { rebuildRollups } from '../analytics/rollups';
import { carDealerAftersales } from '../../domain/templates/car-dealer-aftersales';
import type { ChurnCause } from '../../domain/questionnaire/definition';
import { seedCases } from './seed-cases';
import { timeZone } from '../config';
import { seedCalls } from './seed-calls';

/**
 * Chance of a "no" per key question, by the cause it reveals, chosen so that the
 * "no" answers split roughly as the seeds' churn survey: service 68 %, quality 16 %,
 * price 9 %, supply 7 % (the template has two service and two supply questions).
 */
const NO_CHANCE: Record<ChurnCause, number> = {
	service: 0.306,
	quality: 0.144,
	price: 0.081,
	supply: 0.0315,
	other: 0
};

const COMMENTS = [
	'等待时间太长了',
	'师傅很专业，讲解清楚',
	'希望周末也能预约',
	'收费比预期高',
	'休息区很舒适',
	'配件等了一个星期',
	'服务顾问态度很好'
];

/** Small deterministic PRNG (mulberry32): the same seed gives the same demo data. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(n)));

export interface SeedOptions {
	responses: number;
	days: number;
	seed: number;
	now?: Date;
}

/**
 * Publishes a 4S questionnaire and fills it with responses over the last `days`,
 * across link and phone, service problems slowly improving over time.
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<{ questionnaireId: string; responses: number }> {
	const rand = random(options.seed);
	const now = options.now ?? new Date();
	const questionnaireId = (await createFromTemplate(db, carDealerAftersales.id, 'zh-CN', null))!;
	await publish(db, questionnaireId, null);
	const version = (await latestVersion(db, questionnaireId))!;
	const questions = version.definition.questions;

	const batchSize = 500;
	for (let start = 0; start < options.responses; start += batchSize) {
		const count = Math.min(batchSize, options.responses - start);
		const responses: Insertable<ResponsesTable>[] = [];
		const answers: Insertable<AnswersTable>[] = [];
		for (let i = 0; i < count; i++) {
			const id = crypto.randomUUID();
			const age = rand() * options.days;
			// Later days have fewer service problems: the dashboard should show a trend.
			const improvement = 1.25 - 0.5 * (1 - age / options.days);
			const submitted = new Date(now.getTime() - age * 86_400_000);
			responses.push({
				id,
				questionnaire_id: questionnaireId,
				version_id: version.versionId,
				channel: rand() < 0.6 ? 'web' : 'phone',
				submission_id: crypto.randomUUID(),
				status: 'completed',
				started_at: new Date(submitted.getTime() - 60_000),
				submitted_at: submitted
			});
			let noCount = 0;
			for (const q of questions) {
				const base = { response_id: id, question_id: q.id, yes_no: null, number: null, text: null };
				if (q.kind === 'key') {
					const chance = NO_CHANCE[q.cause] * (q.cause === 'service' ? improvement : 1);
					const no = rand() < chance;
					if (no) noCount++;
					answers.push({ ...base, yes_no: !no });
				} else if (q.kind === 'rating') {
					answers.push({ ...base, number: clamp(4.7 - 0.8 * noCount + (rand() - 0.5) * 1.5, 1, 5) });
				} else if (q.kind === 'nps' && rand() < 0.85) {
					answers.push({ ...base, number: clamp(9.4 - 1.8 * noCount + (rand() - 0.5) * 3, 0, 10) });
				} else if (q.kind === 'text' && rand() < 0.2) {
					answers.push({ ...base, text: COMMENTS[Math.floor(rand() * COMMENTS.length)]! });
				}
			}
		}
		await db.transaction().execute(async (trx) => {
			await trx.insertInto('responses').values(responses).execute();
			for (let a = 0; a < answers.length; a += 2000) {
				await trx.insertInto('answers').values(answers.slice(a, a + 2000)).execute();
			}
		});
	}
	// Fresh statistics after a bulk load, so the planner sees thousands of rows, not none.
	await sql`analyze responses`.execute(db);
	await sql`analyze answers`.execute(db);
	await seedCalls(db, { questionnaireId, seed: options.seed, now, timeZone: timeZone(), rand });
	await rebuildRollups(db, questionnaireId);
	await seedCases(db, { rand, now, days: options.days });
	return { questionnaireId, responses: options.responses };
}
