import pg from 'pg';

/**
 * A throwaway PostgreSQL database next to `serverUrl` (for integration tests and
 * benches): created empty, and dropped once the pools using it are gone.
 */
export async function scratchDatabase(serverUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`create database "${name}"`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return { url: url.toString(), drop: () => dropDatabase(serverUrl, name) };
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	try {
		// A pool's clients say goodbye asynchronously: forcing the drop while one is still
		// leaving kills it mid-way, and its error surfaces as an uncaught exception.
		for (let i = 0; i < 50; i++) {
			const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
			if (rows[0].n === 0) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		await admin.query(`drop database if exists "${name}" with (force)`);
	} finally {
		await admin.end();
	}
}
