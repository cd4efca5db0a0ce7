import type { PeriodicJob } from './types';
import { pruneSessions } from '../../auth/sessions';
import { pruneLoginAttempts } from '../../auth/throttle';
import { pruneAbandonedProgress } from '../../responses/progress';

// Each is one DELETE with a time condition: idempotent, and safe when several processes run it at once.
export const securityJobs: PeriodicJob[] = [
	{ name: 'security-prune-sessions', cron: '*/15 * * * *', run: pruneSessions },
	{ name: 'security-prune-login-attempts', cron: '*/15 * * * *', run: pruneLoginAttempts },
	{ name: 'security-prune-abandoned-progress', cron: '17 3 * * *', run: pruneAbandonedProgress }
];
