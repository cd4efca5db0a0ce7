import { can } from '$lib/domain/users';
import { requireUser } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return {
		user: { displayName: user.displayName, role: user.role, agentCode: user.agentCode },
		nav: {
			questionnaires: can(user.role, 'designQuestionnaires') || can(user.role, 'viewAnalytics'),
			calls: can(user.role, 'makeCalls'),
			contacts: can(user.role, 'manageContacts'),
			campaigns: can(user.role, 'manageCampaigns'),
			users: can(user.role, 'manageUsers'),
			audit: can(user.role, 'manageUsers'),
			supervise: user.role === 'admin' || user.role === 'supervisor'
		}
	};
};
