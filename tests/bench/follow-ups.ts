/**
 * `npm run bench` (follow-ups): what opening a case costs inside the submit
 * transaction. The same link submission (response + answers) is timed with all
 * "yes" (no case) and with two "no" answers (a case with two items, routed and
 * assigned round-robin), on PGlite and, with BENCH_DATABASE_URL, on PostgreSQL.
 * Prints medians, p95 and the ratio.
 */
import { createDb, type Db } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { createFromTemplate, latestVersion, publish } from '../../src/lib/server/questionnaires/service';
import { submitWebResponse } from '../../src/lib/server/responses/service';
import { createUser } from '../../src/lib/server/users/service';
import { saveRoute, saveTeam } from '../../src/lib/server/follow-ups/teams';
import type { AnswerValue } from '../../src/lib/domain/questionnaire/answers';
import { scratchDatabase } from '../scratch-database';

const N = Number(process.env.BENCH_CASES ?? 300);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function run(name: string, db: Db) {
	await migrateToLatest(db);
	const questionnaireId = (await createFromTemplate(db, 'car-dealer-aftersales', 'zh-CN', null))!;
	await publish(db, questionnaireId, null);
	const version = (await latestVersion(db, questionnaireId))!;
	const members: string[] = [];
	for (const i of [1, 2, 3]) {
		const u = await createUser(db, { username: `bench${i}`, displayName: `Bench ${i}`, password: 'bench password 123', role: 'analyst', agentCode: null, locale: 'zh-CN' });
		if (u.ok) members.push(u.id);
	}
	const teamId = await saveTeam(db, { name: 'Bench', leadId: members[0]!, memberIds: members });
	for (const cause of ['service', 'quality', 'price', 'supply', 'other'] as const) {
		await saveRoute(db, { cause, teamId, assignment: 'round_robin', firstActionHours: 24, resolveHours: 72 });
	}
	const answers = (no: boolean): AnswerValue[] =>
		version.definition.questions.flatMap((q, i): AnswerValue[] => {
			const base = { questionId: q.id, yesNo: null, number: null, choices: null, text: null };
			if (q.kind === 'key') return [{ ...base, yesNo: !(no && i < 2) }];
			if (q.kind === 'rating') return [{ ...base, number: 4 }];
			if (q.kind === 'nps') return [{ ...base, number: 9 }];
			return [];
		});
	const time = async (no: boolean) => {
		const times: number[] = [];
		for (let i = 0; i < N; i++) {
			const t = performance.now();
			await submitWebResponse(db, { questionnaireId, versionId: version.versionId, submissionId: crypto.randomUUID(), answers: answers(no) });
			times.push(performance.now() - t);
		}
		return times.sort((a, b) => a - b);
	};
	await time(false); // warm-up
	const plain = await time(false);
	const withCase = await time(true);
	const cases = await db.selectFrom('follow_ups').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
	const med = (s: number[]) => pct(s, 0.5);
	console.log(
		`${name.padEnd(10)} submit without a case: median ${med(plain).toFixed(1)} ms, p95 ${pct(plain, 0.95).toFixed(1)} ms; ` +
			`with a case (2 items): median ${med(withCase).toFixed(1)} ms, p95 ${pct(withCase, 0.95).toFixed(1)} ms; ` +
			`opening the case adds ${(med(withCase) - med(plain)).toFixed(1)} ms (×${(med(withCase) / med(plain)).toFixed(2)}); ${cases.n} cases`
	);
}

const pglite = createDb({ kind: 'pglite' });
await run('PGlite', pglite);
await pglite.destroy();
if (process.env.BENCH_DATABASE_URL) {
	const scratch = await scratchDatabase(process.env.BENCH_DATABASE_URL, `bench_cases_${process.pid}`);
	const db = createDb({ kind: 'postgres', url: scratch.url });
	await run('PostgreSQL', db);
	await db.destroy();
	await scratch.drop();
}
