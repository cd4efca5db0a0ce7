import cluster from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';

/**
 * In the `npm start` primary: answers a worker's request for the metrics of all
 * workers (src/lib/server/metrics.ts asks when /metrics is scraped), summing
 * counters and histograms across processes.
 */
export function serveClusterMetrics(): void {
	const aggregator = new AggregatorRegistry();
	cluster.on('message', (worker, message: { type?: string; id?: string }) => {
		if (message?.type !== 'huifang:metrics:req') return;
		aggregator.clusterMetrics().then(
			(text) => worker.send({ type: 'huifang:metrics:res', id: message.id, text }),
			(e: unknown) => worker.send({ type: 'huifang:metrics:res', id: message.id, error: String(e) })
		);
	});
}
