import { sql } from 'kysely';
import type { Db } from '../db';
import type { AuditAction } from './service';

export interface AuditFilter {
	/** Username of who did it (exact, lower-case). */
	actor?: string | null;
	action?: AuditAction | null;
	/** Inclusive calendar days (YYYY-MM-DD) in `timeZone`. */
	from?: string | null;
	to?: string | null;
	timeZone: string;
	/** Keyset paging: entries older than this id. */
	before?: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the log, newest first, and whether older entries remain. */
export async function listAudit(db: Db, filter: AuditFilter) {
	let query = db
		.selectFrom('audit_log')
		.select(['id', 'at', 'actor_name', 'action', 'target_type', 'target_id', 'detail'])
		.orderBy('id', 'desc')
		.limit(AUDIT_PAGE_SIZE + 1);
	if (filter.actor) query = query.where('actor_name', '=', filter.actor);
	if (filter.action) query = query.where('action', '=', filter.action);
	if (filter.from) query = query.where('at', '>=', sql<Date>`(${filter.from}::date)::timestamp at time zone ${filter.timeZone}`);
	if (filter.to) query = query.where('at', '<', sql<Date>`(${filter.to}::date + 1)::timestamp at time zone ${filter.timeZone}`);
	if (filter.before) query = query.where('id', '<', filter.before);
	const rows = await query.execute();
	return { entries: rows.slice(0, AUDIT_PAGE_SIZE), more: rows.length > AUDIT_PAGE_SIZE };
}
