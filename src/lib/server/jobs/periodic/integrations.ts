import type { PeriodicJob } from './types';

export const integrationsJobs: PeriodicJob[] = [];
