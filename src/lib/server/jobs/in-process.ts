import type PgBoss from 'pg-boss';
import { getDb } from '../db/index';
import { now } from '../clock';
import { log } from '../log';
import { startRunner } from './runner';

let running: Promise<PgBoss | null> | undefined;

/** Web processes run the job workers too unless JOBS_IN_PROCESS=false (then `npm run worker` does). */
export function jobsInProcess(env: Record<string, string | undefined> = process.env): boolean {
	return env.JOBS_IN_PROCESS !== 'false';
}

/** Starts the workers once per process; a failure is logged and the app serves on without them. */
export function startInProcessJobs(): Promise<PgBoss | null> {
	running ??= startRunner(getDb(), { now }).then(
		(boss) => {
			log('info', 'jobs.started', { mode: 'in-process' });
			return boss;
		},
		(error: Error) => {
			log('error', 'jobs.start_failed', { error: String(error), stack: error.stack });
			return null;
		}
	);
	return running;
}

/** Lets running jobs finish (up to 10 s) before the database closes. */
export async function stopInProcessJobs(): Promise<void> {
	const boss = await running;
	running = undefined;
	await boss?.stop({ graceful: true, timeout: 10_000, close: true });
}
