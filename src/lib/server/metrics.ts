import cluster from 'node:cluster';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { getDb } from './db';
import { clockNow, listQueue } from './calls/queue';
import { timeZone } from './config';

/*
 * Prometheus metrics of this process. Under `npm start` with several processes
 * (WEB_CONCURRENCY), /metrics asks the primary, which sums every worker's registry
 * (src/cli/cluster-metrics.ts), so one scrape through any worker sees them all.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const requestDuration = new Histogram({
	name: 'huifang_http_request_duration_seconds',
	help: 'Time from request to response headers, by route',
	labelNames: ['method', 'route', 'status'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
	registers: [registry]
});

export const submissions = new Counter({
	name: 'huifang_submissions_total',
	help: 'Responses stored from respondent pages (repeats of a submission id are not counted)',
	labelNames: ['link'] as const,
	registers: [registry]
});

export const jobFailures = new Counter({
	name: 'huifang_job_failures_total',
	help: 'Background jobs that failed, by job name',
	labelNames: ['job'] as const,
	registers: [registry]
});

/** Read from the database at scrape time; every process reports the same number, so take the max, not the sum. */
new Gauge({
	name: 'huifang_call_queue_depth',
	help: 'Phone callbacks of running campaigns that are due and waiting for an agent',
	registers: [registry],
	aggregator: 'max',
	async collect() {
		// The queue agents see (listQueue's own rule), counted without its rows.
		const { total } = await listQueue(getDb(), clockNow(timeZone()), 0);
		this.set(total);
	}
});

export const recordJobFailure = (job: string): void => {
	jobFailures.inc({ job });
};

if (cluster.isWorker) {
	AggregatorRegistry.setRegistries([registry]);
	// Constructing one installs the listener that answers the primary's requests for this worker's metrics.
	new AggregatorRegistry();
}

const METRICS_REQUEST = 'huifang:metrics';

/** This process's metrics, or every worker's summed when running under the cluster primary. */
export async function metricsText(): Promise<string> {
	if (!cluster.isWorker || !process.send) return registry.metrics();
	const id = `${process.pid}:${Math.random()}`;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			process.off('message', onMessage);
			reject(new Error('the primary did not answer with metrics'));
		}, 6000);
		function onMessage(message: { type?: string; id?: string; text?: string; error?: string }) {
			if (message?.type !== `${METRICS_REQUEST}:res` || message.id !== id) return;
			clearTimeout(timer);
			process.off('message', onMessage);
			if (message.error) reject(new Error(message.error));
			else resolve(message.text ?? '');
		}
		process.on('message', onMessage);
		process.send!({ type: `${METRICS_REQUEST}:req`, id });
	});
}

export const metricsContentType = registry.contentType;
