import { z } from 'zod';

/** A phone number as an agent types it: digits with optional +, spaces, dashes, brackets. */
export const phoneSchema = z
	.string()
	.trim()
	.regex(/^\+?[0-9 ()-]{5,24}$/, 'phone_format')
	.refine((v) => v.replace(/\D/g, '').length >= 5, 'phone_format');

export const newCallSchema = z.object({
	questionnaireId: z.uuid('required'),
	customerName: z.string().trim().min(1, 'required').max(80, 'too_long'),
	customerPhone: phoneSchema
});
