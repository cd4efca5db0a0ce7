import type { PeriodicJob } from './types';

export const casesJobs: PeriodicJob[] = [];
