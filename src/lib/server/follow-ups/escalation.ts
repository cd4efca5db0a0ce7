import { sql } from 'kysely';
import type { Db } from '../db';
import { addEvent } from './events';

/**
 * The escalation level a case has reached at `now`: 2 once its resolution is overdue,
 * 1 once its first action is, else 0. Cases already resolved escalate no further.
 */
export function escalationTarget(now: Date) {
	return sql<number>`case
		when follow_ups.state in ('open', 'in_progress') and follow_ups.resolve_due <= ${now} then 2
		when follow_ups.state = 'open' and follow_ups.first_action_due <= ${now} then 1
		else 0 end`;
}

/** Overdue right now: the same rule the escalation applies, for lists and filters. */
export function overdueAt(now: Date) {
	return sql<boolean>`(${escalationTarget(now)} > 0)`;
}

/**
 * Escalates every case whose deadline has passed to its team lead and the
 * supervisors (a timeline entry they see flagged), each level exactly once. Safe
 * with several workers: rows being escalated elsewhere are skipped (SKIP LOCKED),
 * and the update only raises a level that is still lower.
 */
export async function escalateOverdue(db: Db, now: Date): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const due = await trx
			.selectFrom('follow_ups')
			.select(['id', escalationTarget(now).as('target')])
			.where('state', 'in', ['open', 'in_progress'])
			.where((eb) => eb(escalationTarget(now), '>', eb.ref('escalation')))
			.orderBy('resolve_due')
			.limit(500)
			.forUpdate()
			.skipLocked()
			.execute();
		let escalated = 0;
		for (const row of due) {
			const updated = await trx
				.updateTable('follow_ups')
				.set({ escalation: row.target })
				.where('id', '=', row.id)
				.where('escalation', '<', row.target)
				.returning(['team_id'])
				.executeTakeFirst();
			if (!updated) continue;
			const lead = updated.team_id
				? await trx.selectFrom('follow_up_teams').select('lead_id').where('id', '=', updated.team_id).executeTakeFirst()
				: undefined;
			await addEvent(trx, {
				caseId: row.id,
				at: now,
				userId: null,
				kind: 'escalated',
				detail: { level: row.target === 2 ? 'resolution' : 'first_action', lead: lead?.lead_id ?? null }
			});
			escalated++;
		}
		return escalated;
	});
}
