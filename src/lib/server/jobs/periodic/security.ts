import type { PeriodicJob } from './types';

export const securityJobs: PeriodicJob[] = [];
