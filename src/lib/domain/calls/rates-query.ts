import { z } from 'zod';

/** The rates page's query: a campaign and, optionally, the analyst's own e (0–1, or a percentage). */
export const ratesQuerySchema = z.object({
	campaign: z.uuid().optional().catch(undefined),
	e: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? Number(v.replace('%', '')) : null))
		.transform((n) => (n === null || !Number.isFinite(n) ? null : n > 1 ? n / 100 : n))
		.refine((n) => n === null || (n >= 0 && n <= 1), 'floor_e_range')
});
