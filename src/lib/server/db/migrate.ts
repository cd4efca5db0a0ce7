import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';
import type { Db } from './index';
import { keyStoreOf, migrationKeyStore } from '../secrets/key';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname ?? '.', '../../../../migrations');

/**
 * Kysely's FileMigrationProvider, but importing from our own module so that the
 * runner in use (tsx for the CLI and start-up, Vitest in tests) can load .ts files.
 */
class MigrationFolder implements MigrationProvider {
	constructor(private readonly folder: string) {}

	async getMigrations(): Promise<Record<string, Migration>> {
		const files = (await fs.readdir(this.folder)).filter((f) => /^\d{4}_.+\.(ts|js)$/.test(f)).sort();
		const migrations: Record<string, Migration> = {};
		for (const file of files) {
			migrations[file.replace(/\.(ts|js)$/, '')] = (await import(
				/* @vite-ignore */ path.join(this.folder, file)
			)) as Migration;
		}
		return migrations;
	}
}

/** Brings the schema to the latest migration; throws naming the migration that failed. */
export function migrateToLatest(db: Db, folder = MIGRATIONS_DIR): Promise<string[]> {
	return migrate(db, folder, (migrator) => migrator.migrateToLatest());
}

/** Brings the schema up or down to the named migration (tests of a migration's data changes). */
export function migrateTo(db: Db, target: string, folder = MIGRATIONS_DIR): Promise<string[]> {
	return migrate(db, folder, (migrator) => migrator.migrateTo(target));
}

async function migrate(db: Db, folder: string, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
	// Each area numbers its migrations in its own range (0020s calls, 0040s analytics…), so a
	// database may already hold a higher number than a newly added one: run it all the same.
	const migrator = new Migrator({ db, provider: new MigrationFolder(folder), allowUnorderedMigrations: true });
	// A migration that seals secrets learns from this which database it runs on.
	const { error, results } = await migrationKeyStore.run(keyStoreOf(db), () => run(migrator));
	if (error) {
		const failed = results?.find((r) => r.status === 'Error');
		throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
