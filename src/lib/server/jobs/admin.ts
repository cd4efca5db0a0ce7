import { sql } from 'kysely';
import type { Db } from '../db/index';
import { periodicJobs } from './periodic/index';
import type { PeriodicJob } from './periodic/types';

/** pg-boss creates its schema when a runner first starts; until then there is nothing to list. */
async function bossReady(db: Db): Promise<boolean> {
	const { rows } = await sql<{ ok: boolean }>`select to_regclass('pgboss.job') is not null as ok`.execute(db);
	return rows[0]?.ok === true;
}

export interface QueueSummary {
	name: string;
	cron: string | null;
	queued: number;
	active: number;
	completed: number;
	failed: number;
	lastRunAt: Date | null;
}

/** Every listed periodic job with its schedule and job counts by state (plus any other pg-boss queue). */
export async function jobQueues(db: Db, jobs: PeriodicJob[] = periodicJobs): Promise<QueueSummary[]> {
	const byName = new Map<string, QueueSummary>(
		jobs.map((j) => [j.name, { name: j.name, cron: j.cron, queued: 0, active: 0, completed: 0, failed: 0, lastRunAt: null }])
	);
	if (await bossReady(db)) {
		const { rows } = await sql<{ name: string; cron: string | null; queued: string; active: string; completed: string; failed: string; last_run_at: Date | null }>`
			select q.name, s.cron,
				count(j.id) filter (where j.state in ('created', 'retry')) as queued,
				count(j.id) filter (where j.state = 'active') as active,
				count(j.id) filter (where j.state = 'completed') as completed,
				count(j.id) filter (where j.state = 'failed') as failed,
				max(j.started_on) as last_run_at
			from pgboss.queue q
			left join pgboss.schedule s on s.name = q.name
			left join pgboss.job j on j.name = q.name
			where q.name not like '\\_\\_pgboss%'
			group by q.name, s.cron
			order by q.name`.execute(db);
		for (const r of rows) {
			byName.set(r.name, {
				name: r.name,
				cron: r.cron ?? byName.get(r.name)?.cron ?? null,
				queued: Number(r.queued),
				active: Number(r.active),
				completed: Number(r.completed),
				failed: Number(r.failed),
				lastRunAt: r.last_run_at ? new Date(r.last_run_at) : null
			});
		}
	}
	return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface JobRow {
	id: string;
	queue: string;
	state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
	retryCount: number;
	createdOn: Date;
	startedOn: Date | null;
	completedOn: Date | null;
	/** The error message of a failed run. */
	error: string | null;
}

type RawJob = { id: string; name: string; state: JobRow['state']; retry_count: number; created_on: Date; started_on: Date | null; completed_on: Date | null; output: unknown };

function errorOf(output: unknown): string | null {
	if (!output || typeof output !== 'object') return null;
	const o = output as { message?: unknown; value?: unknown };
	if (typeof o.message === 'string') return o.message;
	return typeof o.value === 'string' ? o.value : JSON.stringify(output);
}

function toRow(r: RawJob): JobRow {
	return {
		id: r.id,
		queue: r.name,
		state: r.state,
		retryCount: r.retry_count,
		createdOn: new Date(r.created_on),
		startedOn: r.started_on ? new Date(r.started_on) : null,
		completedOn: r.completed_on ? new Date(r.completed_on) : null,
		error: r.state === 'failed' ? errorOf(r.output) : null
	};
}

/** The latest jobs of every queue, newest first. */
export async function recentJobs(db: Db, limit = 30): Promise<JobRow[]> {
	if (!(await bossReady(db))) return [];
	const { rows } = await sql<RawJob>`
		select id, name, state, retry_count, created_on, started_on, completed_on, output
		from pgboss.job where name not like '\\_\\_pgboss%'
		order by created_on desc limit ${limit}`.execute(db);
	return rows.map(toRow);
}

/** Failed jobs (retries used up), newest first, with their errors. */
export async function failedJobs(db: Db, limit = 50): Promise<JobRow[]> {
	if (!(await bossReady(db))) return [];
	const { rows } = await sql<RawJob>`
		select id, name, state, retry_count, created_on, started_on, completed_on, output
		from pgboss.job where state = 'failed'
		order by completed_on desc nulls last limit ${limit}`.execute(db);
	return rows.map(toRow);
}

/**
 * Puts a failed job back in the queue with one more attempt, as pg-boss's own
 * `retry` does. Conditional on the state, so two admins clicking retry queue it once.
 * Works without a runner in this process (JOBS_IN_PROCESS=false): any worker picks it up.
 */
export async function retryJob(db: Db, queue: string, id: string): Promise<boolean> {
	if (!(await bossReady(db))) return false;
	const result = await sql`
		update pgboss.job set state = 'retry', retry_limit = retry_limit + 1, start_after = now()
		where name = ${queue} and id = ${id}::uuid and state = 'failed'`.execute(db);
	return Number(result.numAffectedRows ?? 0) === 1;
}
