import { z } from 'zod';
import { LIMITS } from './fields';
import { normalizeDate, normalizeEmail, normalizePhone } from './values';
import { normalizeTimeZone } from './time-zones';

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'too_long')
		.transform((v) => (v === '' ? null : v));

/** The contact form: every field checked and normalised as an import row is. */
export const contactFormSchema = z
	.object({
		name: z.string().trim().min(1, 'required').max(LIMITS.name, 'too_long'),
		phone: z
			.string()
			.trim()
			.transform((v, ctx) => {
				if (v === '') return null;
				const phone = normalizePhone(v);
				if (!phone) ctx.addIssue({ code: 'custom', message: 'phone_format' });
				return phone;
			}),
		email: z
			.string()
			.trim()
			.transform((v, ctx) => {
				if (v === '') return null;
				const email = normalizeEmail(v);
				if (!email) ctx.addIssue({ code: 'custom', message: 'contacts_error_email' });
				return email;
			}),
		externalId: optionalText(LIMITS.external_id),
		tier: optionalText(LIMITS.tier),
		industry: optionalText(LIMITS.industry),
		product: optionalText(LIMITS.product),
		eventDate: z
			.string()
			.trim()
			.transform((v, ctx) => {
				if (v === '') return null;
				const date = normalizeDate(v);
				if (!date) ctx.addIssue({ code: 'custom', message: 'contacts_error_date' });
				return date;
			}),
		doNotContact: z
			.string()
			.optional()
			.transform((v) => v === 'on'),
		dncReason: optionalText(LIMITS.dnc_reason),
		/** Empty: derive it from the phone number when saving. */
		timeZone: z
			.string()
			.optional()
			.transform((v, ctx) => {
				if (!v?.trim()) return null;
				const zone = normalizeTimeZone(v);
				if (!zone) ctx.addIssue({ code: 'custom', message: 'contacts_error_time_zone' });
				return zone;
			})
	})
	.refine((c) => !c.doNotContact || !!c.dncReason, {
		message: 'contacts_error_dnc_reason',
		path: ['dncReason'],
		// Checked even when other fields are wrong, so every problem shows at once.
		when: (payload) => !payload.issues.some((i) => i.path?.[0] === 'dncReason')
	});
export type ContactForm = z.infer<typeof contactFormSchema>;
