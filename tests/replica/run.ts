/**
 * The read-replica integration test on a real streaming replica: starts a throwaway
 * primary (initdb, wal_level=replica) and a standby of it (pg_basebackup -R) on free
 * ports, runs tests/integration/read-replica.test.ts with their URLs, and removes both.
 * Called by .ci/run; by hand: `npx tsx tests/replica/run.ts` (needs PostgreSQL's server
 * programs: /usr/lib/postgresql/<version>/bin or PG_BINDIR).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Cluster, postgresBinDir } from '../pg-cluster';

const root = path.resolve(import.meta.dirname, '../..');
if (!postgresBinDir()) {
	console.error('replica: no PostgreSQL server programs found (set PG_BINDIR)');
	process.exit(1);
}

const clusters: Cluster[] = [];
let code = 1;
try {
	const primary = await Cluster.create();
	clusters.push(primary);
	await primary.start();
	const standby = await Cluster.standbyOf(primary);
	clusters.push(standby);
	await standby.start();
	console.log(`replica: primary on port ${primary.port}, streaming replica on port ${standby.port}`);
	code = await new Promise<number>((resolve) => {
		const vitest = spawn(path.join(root, 'node_modules/.bin/vitest'), ['run', 'tests/integration/read-replica.test.ts'], {
			cwd: root,
			stdio: 'inherit',
			env: { ...process.env, REPLICA_TEST_PRIMARY_URL: primary.url, REPLICA_TEST_READ_URL: standby.url }
		});
		vitest.on('exit', (exit, signal) => resolve(exit ?? (signal ? 1 : 0)));
	});
} catch (e) {
	console.error(`replica: ${e instanceof Error ? e.message : String(e)}`);
} finally {
	for (const cluster of clusters.reverse()) await cluster.destroy();
}
process.exit(code);
