import type { Db } from '../db';
import type { Locale } from '../../domain/locale';
import { localize } from '../../domain/locale';
import { versionById } from '../questionnaires/service';
import { dispositionLabel } from '../../domain/calls/dispositions';

export interface ContactHistory {
	calls: { startedAt: string; agentCode: string | null; campaign: string | null; disposition: string | null; note: string | null }[];
	/** Earlier "no" answers to key questions, with the churn cause each reveals. */
	noes: { answeredAt: string; question: string; cause: string }[];
	notes: { createdAt: string; author: string | null; text: string }[];
}

/**
 * What earlier agents learnt about a contact, across campaigns: their calls
 * (date, agent code, disposition, note), the "no" answers they were given, and
 * notes left for whoever calls next. The current call is left out.
 */
export async function contactHistory(db: Db, contactId: string, currentCallId: string, locale: Locale): Promise<ContactHistory> {
	const [calls, noes, notes] = await Promise.all([
		db
			.selectFrom('calls')
			.innerJoin('campaign_contacts as cc', 'cc.id', 'calls.campaign_contact_id')
			.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
			.innerJoin('users as u', 'u.id', 'calls.agent_id')
			.leftJoin('dispositions as d', 'd.key', 'calls.outcome')
			.select(['calls.started_at', 'u.agent_code', 'c.name', 'calls.note', 'd.label_zh', 'd.label_en'])
			.where('cc.contact_id', '=', contactId)
			.where('calls.id', '!=', currentCallId)
			.orderBy('calls.started_at', 'desc')
			.limit(20)
			.execute(),
		db
			.selectFrom('answers as a')
			.innerJoin('responses as r', 'r.id', 'a.response_id')
			.select(['a.question_id', 'a.answered_at', 'r.version_id'])
			.where('r.contact_id', '=', contactId)
			.where('a.yes_no', '=', false)
			.orderBy('a.answered_at', 'desc')
			.limit(20)
			.execute(),
		db
			.selectFrom('contact_notes as n')
			.leftJoin('users as u', 'u.id', 'n.author_id')
			.select(['n.created_at', 'n.text', 'u.agent_code', 'u.display_name'])
			.where('n.contact_id', '=', contactId)
			.orderBy('n.created_at', 'desc')
			.limit(20)
			.execute()
	]);
	const versions = new Map<string, Awaited<ReturnType<typeof versionById>>>();
	for (const id of new Set(noes.map((n) => n.version_id))) versions.set(id, await versionById(db, id));
	return {
		calls: calls.map((c) => ({
			startedAt: new Date(c.started_at).toISOString(),
			agentCode: c.agent_code,
			campaign: c.name,
			disposition: c.label_zh && c.label_en ? dispositionLabel({ labelZh: c.label_zh, labelEn: c.label_en }, locale) : null,
			note: c.note
		})),
		noes: noes.flatMap((n) => {
			const q = versions.get(n.version_id)?.definition.questions.find((x) => x.id === n.question_id);
			return q && q.kind === 'key' ? [{ answeredAt: new Date(n.answered_at).toISOString(), question: localize(q.text, locale), cause: q.cause }] : [];
		}),
		notes: notes.map((n) => ({ createdAt: new Date(n.created_at).toISOString(), author: n.agent_code ?? n.display_name, text: n.text }))
	};
}

/** Leaves a note on the contact for the next agent ("prefers evenings"). */
export async function addContactNote(db: Db, contactId: string, authorId: string, text: string, at: Date): Promise<void> {
	await db.insertInto('contact_notes').values({ contact_id: contactId, author_id: authorId, text, created_at: at }).execute();
}
