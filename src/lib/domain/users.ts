import { z } from 'zod';
import { LOCALES } from './locale';

export const ROLES = ['admin', 'analyst', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export const usernameSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9._-]{2,40}$/, 'username_format');
export const passwordSchema = z.string().min(10, 'password_short').max(200, 'too_long');
export const displayNameSchema = z.string().trim().min(1, 'required').max(80, 'too_long');
/** 工号: the number an agent says when introducing themselves. */
export const agentCodeSchema = z.string().trim().regex(/^[0-9A-Za-z]{1,12}$/, 'agent_code_format');

const optionalAgentCode = z
	.string()
	.trim()
	.transform((v) => (v === '' ? null : v))
	.pipe(agentCodeSchema.nullable());

export const newUserSchema = z
	.object({
		username: usernameSchema,
		displayName: displayNameSchema,
		password: passwordSchema,
		role: z.enum(ROLES, 'invalid'),
		agentCode: optionalAgentCode,
		locale: z.enum(LOCALES).default('zh-CN')
	})
	.refine((u) => u.role !== 'agent' || u.agentCode !== null, {
		message: 'agent_code_required',
		path: ['agentCode']
	});
export type NewUser = z.infer<typeof newUserSchema>;

export const setupSchema = z.object({
	companyName: z.string().trim().min(1, 'required').max(80, 'too_long'),
	username: usernameSchema,
	displayName: displayNameSchema,
	password: passwordSchema,
	agentCode: optionalAgentCode
});
export type SetupInput = z.infer<typeof setupSchema>;

/** Which roles may do what: one table, checked on the server for every load and action. */
export const PERMISSIONS = {
	manageUsers: ['admin'],
	designQuestionnaires: ['admin', 'analyst'],
	viewAnalytics: ['admin', 'analyst', 'supervisor'],
	makeCalls: ['admin', 'supervisor', 'agent'],
	manageContacts: ['admin', 'analyst', 'supervisor'],
	manageCampaigns: ['admin', 'analyst', 'supervisor']
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
	return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
