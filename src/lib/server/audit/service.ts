import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';

/** Every action the audit log knows; other areas add theirs here. */
export const AUDIT_ACTIONS = [
	'sign_in',
	'sign_in_failed',
	'sign_out_everywhere',
	'user_created',
	'user_changed',
	'user_disabled',
	'user_enabled',
	'role_changed',
	'password_reset',
	'password_changed',
	'links_exported',
	'responses_exported',
	'questionnaire_published',
	'do_not_contact_changed',
	'api_token_changed'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
	/** Who did it; null for the anonymous (a failed sign-in) or the system. */
	actorId: string | null;
	action: AuditAction;
	/** What it was done to, e.g. 'user' and the user's id, 'campaign' and its id. */
	targetType?: string | null;
	targetId?: string | null;
	/** Small JSON facts worth keeping (a new role, a row count); never a secret or a token. */
	detail?: Record<string, unknown>;
}

/**
 * Appends one entry to the audit log. Pass the transaction that makes the change
 * (`trx`), so the entry exists exactly when the change does; or the db for events
 * with nothing else to write (a sign-in). The table refuses UPDATE and DELETE.
 *
 *     await recordAudit(trx, { actorId: user.id, action: 'links_exported', targetType: 'campaign', targetId: id, detail: { count } });
 */
export async function recordAudit(conn: Kysely<Database> | Transaction<Database>, event: AuditEvent): Promise<void> {
	await conn
		.insertInto('audit_log')
		.values({
			actor_id: event.actorId,
			actor_name: event.actorId
				? sql<string>`(select username from users where id = ${event.actorId})`
				: null,
			action: event.action,
			target_type: event.targetType ?? null,
			target_id: event.targetId ?? null,
			detail: JSON.stringify(event.detail ?? {})
		})
		.execute();
}
