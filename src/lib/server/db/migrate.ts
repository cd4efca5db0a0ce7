import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Db } from './index';

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
export async function migrateToLatest(db: Db, folder = MIGRATIONS_DIR): Promise<string[]> {
	// Each area numbers its migrations in its own range (0020s calls, 0040s analytics…), so a
	// database may already hold a higher number than a newly added one: run it all the same.
	const migrator = new Migrator({ db, provider: new MigrationFolder(folder), allowUnorderedMigrations: true });
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error');
		throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
