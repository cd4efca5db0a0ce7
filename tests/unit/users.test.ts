import { describe, expect, it } from 'vitest';
import { can, newUserSchema, ROLES } from '$lib/domain/users';

const agent = { username: 'Li.Agent', displayName: '李', password: 'long enough pw', role: 'agent', agentCode: '1024' };

describe('newUserSchema', () => {
	it('lower-cases usernames and keeps the agent code', () => {
		const parsed = newUserSchema.parse(agent);
		expect(parsed.username).toBe('li.agent');
		expect(parsed.agentCode).toBe('1024');
		expect(parsed.locale).toBe('zh-CN');
	});

	it('requires an agent code for agents only', () => {
		const result = newUserSchema.safeParse({ ...agent, agentCode: '' });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]).toMatchObject({ path: ['agentCode'], message: 'agent_code_required' });
		expect(newUserSchema.safeParse({ ...agent, role: 'analyst', agentCode: '' }).success).toBe(true);
	});

	it('refuses short passwords, odd usernames and unknown roles', () => {
		expect(newUserSchema.safeParse({ ...agent, password: 'short' }).success).toBe(false);
		expect(newUserSchema.safeParse({ ...agent, username: 'has space' }).success).toBe(false);
		expect(newUserSchema.safeParse({ ...agent, role: 'root' }).success).toBe(false);
	});
});

describe('permissions', () => {
	it('lets only admins manage users and keeps agents out of analytics and design', () => {
		expect(ROLES.filter((r) => can(r, 'manageUsers'))).toEqual(['admin']);
		expect(can('agent', 'viewAnalytics')).toBe(false);
		expect(can('agent', 'designQuestionnaires')).toBe(false);
		expect(can('agent', 'makeCalls')).toBe(true);
		expect(can('analyst', 'designQuestionnaires')).toBe(true);
		expect(can('supervisor', 'viewAnalytics')).toBe(true);
	});
});
