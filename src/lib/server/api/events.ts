import { sql } from 'kysely';
import { z } from 'zod';
import 'zod-openapi';
import { normalizeDate, normalizePhone } from '../../domain/contacts/values';
import { defineRoute } from './route';
import { rowError, rowErrorSchema, MAX_ROWS } from './contacts';

const eventInSchema = z
	.strictObject({
		externalId: z.string().max(100).optional().meta({ description: "The contact's id in your CRM" }),
		phone: z.string().max(40).optional().meta({ description: 'Or the contact’s phone' }),
		date: z.string().max(20).meta({ description: 'The day it happened, YYYY-MM-DD' }),
		kind: z.string().max(100).optional().meta({ description: 'What happened: sale, service, repair …' })
	})
	.meta({ id: 'ServiceEventIn' });

const body = z.strictObject({ events: z.array(z.unknown()).min(1).max(MAX_ROWS).meta({ description: 'Each a ServiceEventIn' }) }).meta({ id: 'ServiceEventsRequest' });
const response = z.object({ recorded: z.number().int(), rejected: z.array(rowErrorSchema) }).meta({ id: 'ServiceEventsResult' });

export const recordServiceEvents = defineRoute({
	method: 'POST',
	path: '/api/v1/events',
	operationId: 'recordServiceEvents',
	tag: 'events',
	summary: 'Record service events ("a visit happened on this date")',
	description:
		"The contact's event date becomes the latest event's date, so running campaigns with a delay after the event take the contact in when it falls due. Unknown contacts are rejected per row.",
	scope: ['events', 'write'],
	body,
	response,
	async run({ db, body, locale }) {
		const rejected: z.infer<typeof rowErrorSchema>[] = [];
		const valid: { index: number; externalId: string | null; phone: string | null; date: string; kind: string | null }[] = [];
		body.events.forEach((raw, index) => {
			const parsed = eventInSchema.safeParse(raw);
			if (!parsed.success) return rejected.push(rowError(index, 'api_reject_invalid', locale, parsed.error.issues[0]?.path.join('.')));
			const date = normalizeDate(parsed.data.date);
			if (!date) return rejected.push(rowError(index, 'contacts_reject_date', locale, parsed.data.date));
			const phone = parsed.data.phone ? normalizePhone(parsed.data.phone) : null;
			if (parsed.data.phone && !phone) return rejected.push(rowError(index, 'contacts_reject_phone', locale, parsed.data.phone));
			if (!phone && !parsed.data.externalId) return rejected.push(rowError(index, 'api_reject_no_key', locale));
			valid.push({ index, externalId: parsed.data.externalId ?? null, phone, date, kind: parsed.data.kind ?? null });
		});
		const recorded = await db.transaction().execute(async (trx) => {
			let count = 0;
			for (const e of valid) {
				const contact = await trx
					.selectFrom('contacts')
					.select('id')
					.where((eb) => (e.externalId ? eb('external_id', '=', e.externalId) : eb('phone', '=', e.phone)))
					.forUpdate()
					.executeTakeFirst();
				if (!contact) {
					rejected.push(rowError(e.index, 'api_reject_contact_unknown', locale, e.externalId ?? e.phone ?? undefined));
					continue;
				}
				await trx.insertInto('service_events').values({ contact_id: contact.id, occurred_on: e.date, kind: e.kind }).execute();
				// A late report of an older visit does not move the event date back.
				await trx
					.updateTable('contacts')
					.set({ event_date: sql`greatest(coalesce(event_date, ${e.date}::date), ${e.date}::date)`, updated_at: new Date() })
					.where('id', '=', contact.id)
					.execute();
				count++;
			}
			return count;
		});
		rejected.sort((a, b) => a.index - b.index);
		return { recorded, rejected };
	}
});
