import cluster from 'node:cluster';
import { closeDb } from './db';
import { log } from './log';

/**
 * After adapter-node stopped taking requests and finished those in flight (SIGTERM,
 * SIGINT): close the database (PGlite flushes its data directory), then let the process
 * end. A cluster worker also lets go of its channel to the primary, which would keep
 * it alive; should anything else hold on, it exits anyway a few seconds later.
 */
export async function shutDown(reason: string): Promise<void> {
	log('info', 'shutdown', { reason });
	try {
		await closeDb();
	} catch (e) {
		log('error', 'shutdown_close_failed', { error: String(e) });
		process.exitCode = 1;
	}
	setTimeout(() => process.exit(), 5000).unref();
	if (cluster.isWorker) process.disconnect();
}
