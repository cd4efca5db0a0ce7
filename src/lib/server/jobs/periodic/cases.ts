import type { PeriodicJob } from './types';
import { escalateOverdue } from '../../follow-ups/escalation';
import { releaseStaleVerifications } from '../../follow-ups/verification';

export const casesJobs: PeriodicJob[] = [
	{ name: 'cases-escalate-overdue', cron: '*/5 * * * *', run: escalateOverdue },
	{ name: 'cases-release-stale-verifications', cron: '*/10 * * * *', run: releaseStaleVerifications }
];
