import { z } from 'zod';

/** What an API token can be allowed to touch, each for reading or also for writing. */
export const API_AREAS = ['contacts', 'events', 'campaigns', 'responses', 'calls', 'cases'] as const;
export type ApiArea = (typeof API_AREAS)[number];
export type ApiLevel = 'read' | 'write';
export type Scope = `${ApiArea}:${ApiLevel}`;

/** Writing includes reading. */
export function allows(scopes: readonly string[], area: ApiArea, level: ApiLevel): boolean {
	return scopes.includes(`${area}:write`) || (level === 'read' && scopes.includes(`${area}:read`));
}

const levelChoice = z.enum(['none', 'read', 'write']).default('none');

/** The admin form that creates a token: a name, a level per area, a request budget per minute. */
export const tokenFormSchema = z
	.object({
		name: z.string().trim().min(1, 'required').max(100, 'too_long'),
		rateLimit: z.coerce.number().int('api_error_rate_limit').min(1, 'api_error_rate_limit').max(100000, 'api_error_rate_limit'),
		...Object.fromEntries(API_AREAS.map((a) => [`scope_${a}`, levelChoice]))
	})
	.transform((f, ctx) => {
		const raw = f as Record<string, unknown>;
		const scopes = API_AREAS.flatMap((a) => {
			const level = raw[`scope_${a}`];
			return level === 'read' || level === 'write' ? [`${a}:${level}` as Scope] : [];
		});
		if (scopes.length === 0) ctx.addIssue({ code: 'custom', message: 'api_error_no_scope', path: ['scopes'] });
		return { name: f.name, rateLimit: f.rateLimit, scopes };
	});
export type TokenForm = z.infer<typeof tokenFormSchema>;
