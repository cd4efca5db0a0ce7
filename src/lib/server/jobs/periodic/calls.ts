import type { PeriodicJob } from './types';

export const callsJobs: PeriodicJob[] = [];
