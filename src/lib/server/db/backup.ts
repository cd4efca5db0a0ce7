import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DbConfig } from './index';

/** A refusal or failure the command line prints as it is (no stack trace). */
export class BackupError extends Error {}

/** PostgreSQL client programs: from PG_BINDIR when set (a version matching the server), else from PATH. */
const program = (name: string) => (process.env.PG_BINDIR ? path.join(process.env.PG_BINDIR, name) : name);

function run(name: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(program(name), args, { stdio: ['ignore', 'inherit', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', (e) => reject(new BackupError(`${name} could not be started (${e.message}); install the PostgreSQL client or set PG_BINDIR`)));
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${name} failed (exit ${code}):\n${stderr.trim()}`))));
	});
}

/** Tables in the database's schemas other than the system ones: zero means a fresh, empty database. */
async function postgresTableCount(url: string): Promise<number> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query<{ n: number }>(
			`select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`
		);
		return rows[0]!.n;
	} finally {
		await client.end();
	}
}

const pgliteExists = (dataDir: string) => existsSync(path.join(dataDir, 'PG_VERSION'));

export interface RestoreOptions {
	/** Replace what the target holds instead of refusing. */
	force?: boolean;
}

/**
 * One file holding the whole database: PostgreSQL's custom format (pg_dump -Fc, which
 * a running app does not disturb), or PGlite's data directory as a gzipped tarball
 * (the app must be stopped: the directory belongs to one process).
 */
export async function backup(config: DbConfig, file: string): Promise<void> {
	if (config.kind === 'postgres') {
		await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${config.url}`]);
		return;
	}
	if (!config.dataDir || !pgliteExists(config.dataDir)) throw new BackupError(`no PGlite database in ${config.dataDir}`);
	const pglite = new PGlite(config.dataDir);
	try {
		// dumpDataDir on a PGlite that has not started yet never settles: start it first.
		await pglite.query('select 1');
		const tarball = await pglite.dumpDataDir('gzip');
		writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
	} finally {
		await pglite.close();
	}
}

/**
 * Loads a backup made by `backup` into the configured database. A database that already
 * has tables (or a PGlite data directory that exists) is refused unless `force`: then
 * PostgreSQL's objects are dropped and recreated in one transaction (pg_restore --clean),
 * and the old PGlite directory is kept beside the new one, renamed.
 * Returns the path the old PGlite directory was moved to, if any.
 */
export async function restore(config: DbConfig, file: string, options: RestoreOptions = {}): Promise<{ movedAside?: string }> {
	if (!existsSync(file)) throw new BackupError(`no backup file at ${file}`);
	if (config.kind === 'postgres') {
		const tables = await postgresTableCount(config.url);
		if (tables > 0 && !options.force) {
			throw new BackupError(`the database in DATABASE_URL is not empty (${tables} tables); restoring replaces its contents: run again with --force`);
		}
		await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${config.url}`, file]);
		return {};
	}
	if (!config.dataDir) throw new BackupError('restoring PGlite needs a data directory');
	let movedAside: string | undefined;
	if (existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0) {
		if (!options.force) {
			throw new BackupError(`the PGlite data directory ${config.dataDir} is not empty; restoring replaces it (the old one is kept, renamed): run again with --force`);
		}
		movedAside = `${config.dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		renameSync(config.dataDir, movedAside);
	}
	const bytes = new Uint8Array(readFileSync(file));
	// PGlite unpacks by the type it is told; a gzip stream starts with 1f 8b.
	const type = bytes[0] === 0x1f && bytes[1] === 0x8b ? 'application/x-gzip' : 'application/x-tar';
	try {
		mkdirSync(config.dataDir, { recursive: true });
		const pglite = new PGlite(config.dataDir, { loadDataDir: new Blob([bytes], { type }) });
		await pglite.query('select 1');
		await pglite.close();
	} catch (e) {
		// A file that is not a PGlite backup leaves the data directory as it was.
		rmSync(config.dataDir, { recursive: true, force: true });
		if (movedAside) renameSync(movedAside, config.dataDir);
		throw new BackupError(`${file} could not be loaded as a PGlite backup (${e instanceof Error ? e.message : String(e)})`);
	}
	return { movedAside };
}
