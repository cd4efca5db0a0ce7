import type { Transaction } from 'kysely';
import type { Database } from '../db/types';

/**
 * Do-not-contact takes effect at once: the contacts' scheduled callbacks are
 * cancelled and their unused links revoked, in the caller's transaction.
 */
export async function stopContacting(trx: Transaction<Database>, contactIds: string[]): Promise<void> {
	const now = new Date();
	for (let i = 0; i < contactIds.length; i += 1000) {
		const chunk = contactIds.slice(i, i + 1000);
		await trx
			.updateTable('survey_links')
			.set({ revoked_at: now })
			.where('used_at', 'is', null)
			.where('revoked_at', 'is', null)
			.where('campaign_contact_id', 'in', (eb) =>
				eb.selectFrom('campaign_contacts').select('id').where('contact_id', 'in', chunk).where('status', '=', 'scheduled')
			)
			.execute();
		await trx
			.updateTable('campaign_contacts')
			.set({ status: 'cancelled' })
			.where('contact_id', 'in', chunk)
			.where('status', '=', 'scheduled')
			.execute();
	}
}
