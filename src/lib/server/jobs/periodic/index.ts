import { analyticsJobs } from './analytics';
import { callsJobs } from './calls';
import { campaignsJobs } from './campaigns';
import { casesJobs } from './cases';
import { integrationsJobs } from './integrations';
import { securityJobs } from './security';
import type { PeriodicJob } from './types';

/** Every area's scheduled work, for the job runner. */
export const periodicJobs: PeriodicJob[] = [...securityJobs, ...callsJobs, ...casesJobs, ...integrationsJobs, ...campaignsJobs, ...analyticsJobs];
