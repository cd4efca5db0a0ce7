import { releaseStaleClaims } from '../../calls/release';
import type { PeriodicJob } from './types';

export const callsJobs: PeriodicJob[] = [
	// Claimed calls idle past the setting (default 30 minutes) go back to the queue.
	{ name: 'calls-release-stale-claims', cron: '* * * * *', run: (db, now) => releaseStaleClaims(db, now) }
];
