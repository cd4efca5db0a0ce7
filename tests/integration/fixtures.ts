import type { Db } from '$lib/server/db';
import { createUser } from '$lib/server/users/service';
import { readFileSync } from 'node:fs';
import { createFromTemplate, importQuestionnaire, publish } from '$lib/server/questionnaires/service';
import { parseInterchange } from '$lib/domain/questionnaire/interchange';
import type { Role } from '$lib/domain/users';
import type { AnswerValue } from '$lib/domain/questionnaire/answers';

let n = 0;

export async function makeUser(db: Db, role: Role = 'analyst'): Promise<string> {
	n++;
	const result = await createUser(db, {
		username: `user${n}_${role}`,
		displayName: `User ${n}`,
		password: 'a long enough password',
		role,
		agentCode: role === 'agent' ? String(1000 + n) : null,
		locale: 'zh-CN'
	});
	if (!result.ok) throw new Error('fixture user not created');
	return result.id;
}

/** A published 4S questionnaire and its author. */
export async function publishedQuestionnaire(db: Db): Promise<{ id: string; userId: string }> {
	const userId = await makeUser(db, 'analyst');
	const id = (await createFromTemplate(db, 'car-dealer-aftersales', 'zh-CN', userId))!;
	await publish(db, id, userId);
	return { id, userId };
}

/**
 * A published questionnaire with logic and every question kind, from the file the
 * browser test imports: intro section · key on_time · why_late (only after "no") ·
 * single channel (+other) · multiple improve (+other) · single more_time (ends on
 * no_time) · nps recommend · text comment.
 */
export async function publishedLogicQuestionnaire(db: Db): Promise<{ id: string; userId: string }> {
	const userId = await makeUser(db, 'analyst');
	const file = parseInterchange(readFileSync(new URL('../e2e/fixtures/phone-script-logic.json', import.meta.url), 'utf8'));
	if (!file.ok) throw new Error('fixture questionnaire is not valid');
	const id = await importQuestionnaire(db, file.value, 'zh-CN', userId);
	await publish(db, id, userId);
	return { id, userId };
}

export const yes = (questionId: string, value = true): AnswerValue => ({ questionId, yesNo: value, number: null, choices: null, text: null });
export const num = (questionId: string, value: number): AnswerValue => ({ questionId, yesNo: null, number: value, choices: null, text: null });
export const KEY_IDS = [
	'received_promptly',
	'charges_explained',
	'fixed_first_time',
	'delivered_on_time',
	'parts_in_stock',
	'staff_courteous'
] as const;
