import { z } from 'zod';
import 'zod-openapi';
import { ATTRIBUTE_KEY, CONTACT_FIELDS, MAX_ATTRIBUTES, type ColumnTarget } from '../../domain/contacts/fields';
import { applyBatch } from '../contacts/import';
import { isUniqueViolation } from '../db/errors';
import type { Locale } from '../../domain/locale';
import { defineRoute } from './route';
import { text } from './problem';

export const MAX_ROWS = 1000;

const field = (max: number, description: string) => z.string().max(max).optional().meta({ description });

export const contactInSchema = z
	.strictObject({
		name: z.string().min(1).max(200).meta({ description: 'Full name' }),
		phone: field(40, 'Mobile number; without a country code read as Chinese (+86). A contact is matched by phone or externalId.'),
		email: field(254, 'E-mail address'),
		externalId: field(100, "The contact's id in your CRM"),
		tier: field(40, 'Customer tier (A, B, VIP …)'),
		industry: field(100, 'Industry'),
		product: field(200, 'Product bought or serviced'),
		eventDate: field(20, 'Date of the sale or service visit, YYYY-MM-DD'),
		doNotContact: z.boolean().optional().meta({ description: 'true marks the contact do-not-contact; false never lifts a flag set before' }),
		dncReason: field(500, 'Why the contact must not be contacted'),
		attributes: z
			.record(z.string().regex(ATTRIBUTE_KEY), z.string().max(500))
			.optional()
			.meta({ description: 'Free attributes, usable as {contact.<key>} in questionnaire texts' })
	})
	.meta({ id: 'ContactIn' });

const upsertBody = z
	.strictObject({ contacts: z.array(z.unknown()).min(1).max(MAX_ROWS).meta({ description: `1 to ${MAX_ROWS} contacts, each a ContactIn` }) })
	.meta({ id: 'ContactUpsertRequest' });

export const rowErrorSchema = z
	.object({
		index: z.number().int().meta({ description: 'Position of the row in the request, from 0' }),
		reason: z.string().meta({ description: 'Stable reason code' }),
		message: z.string().meta({ description: 'The reason in the language of Accept-Language' }),
		value: z.string().optional()
	})
	.meta({ id: 'RowError' });

const upsertResponse = z
	.object({
		created: z.number().int(),
		merged: z.number().int(),
		rejected: z.array(rowErrorSchema)
	})
	.meta({ id: 'ContactUpsertResult' });

type ContactIn = z.infer<typeof contactInSchema>;
type RowError = z.infer<typeof rowErrorSchema>;

export const rowError = (index: number, reason: string, locale: Locale, value?: string): RowError => ({
	index,
	reason,
	message: text(reason, locale),
	...(value !== undefined ? { value } : {})
});

const FIXED: ContactField[] = ['name', 'phone', 'email', 'external_id', 'tier', 'industry', 'product', 'event_date', 'do_not_contact', 'dnc_reason'];
type ContactField = (typeof CONTACT_FIELDS)[number];

/** A JSON contact as the cells of an import row, so it passes the very checks a CSV row does. */
function cellsOf(c: ContactIn, attributeKeys: string[]): string[] {
	return [
		c.name,
		c.phone ?? '',
		c.email ?? '',
		c.externalId ?? '',
		c.tier ?? '',
		c.industry ?? '',
		c.product ?? '',
		c.eventDate ?? '',
		c.doNotContact ? 'yes' : '',
		c.dncReason ?? '',
		...attributeKeys.map((k) => c.attributes?.[k] ?? '')
	];
}

export const upsertContacts = defineRoute({
	method: 'POST',
	path: '/api/v1/contacts',
	operationId: 'upsertContacts',
	tag: 'contacts',
	summary: 'Create or update contacts, matched by externalId or phone',
	description:
		'Each row is checked as a row of the CSV import is. Rows that fail are listed in `rejected` with their index; the others are written in one transaction. A row must carry a phone or an externalId.',
	scope: ['contacts', 'write'],
	body: upsertBody,
	response: upsertResponse,
	async run({ db, body, locale }) {
		const rejected: RowError[] = [];
		const rows: { index: number; contact: ContactIn }[] = [];
		body.contacts.forEach((raw, index) => {
			const parsed = contactInSchema.safeParse(raw);
			if (!parsed.success) return rejected.push(rowError(index, 'api_reject_invalid', locale, parsed.error.issues[0]?.path.join('.')));
			const c = parsed.data;
			if (!c.phone && !c.externalId) return rejected.push(rowError(index, 'api_reject_no_key', locale));
			if (Object.keys(c.attributes ?? {}).length > MAX_ATTRIBUTES) return rejected.push(rowError(index, 'api_reject_invalid', locale, 'attributes'));
			rows.push({ index, contact: c });
		});
		const attributeKeys = [...new Set(rows.flatMap((r) => Object.keys(r.contact.attributes ?? {})))].sort();
		const targets: ColumnTarget[] = [
			...FIXED.map((f) => ({ kind: 'field' as const, field: f })),
			...attributeKeys.map((key) => ({ kind: 'attribute' as const, key }))
		];
		const csvRows = rows.map((r) => ({ line: r.index, cells: cellsOf(r.contact, attributeKeys) }));
		let result: Awaited<ReturnType<typeof applyBatch>> | undefined;
		for (let attempt = 0; !result; attempt++) {
			try {
				result = await db.transaction().execute((trx) => applyBatch(trx, csvRows, targets, new Map()));
			} catch (e) {
				// Another writer took the same phone or external id meanwhile: read again.
				if (!isUniqueViolation(e) || attempt >= 4) throw e;
			}
		}
		for (const r of result.rejections) rejected.push(rowError(r.row, r.reason, locale, r.value));
		rejected.sort((a, b) => a.index - b.index);
		return { created: result.created, merged: result.merged, rejected };
	}
});
