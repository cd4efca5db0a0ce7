import type { PeriodicJob } from './types';
import { foldPendingRollups } from '../../analytics/rollups';

export const analyticsJobs: PeriodicJob[] = [
	// Submissions fold their own rollups a moment after they commit; this catches what a
	// stopped process left queued.
	{ name: 'analytics-fold-rollups', cron: '* * * * *', run: (db) => foldPendingRollups(db, { wait: false }) }
];
