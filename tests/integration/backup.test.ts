import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Db, type DbConfig } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { latestVersion } from '$lib/server/questionnaires/service';
import { storedAnswers, submitWebResponse } from '$lib/server/responses/service';
import { scratchDatabase } from '../scratch-database';
import { num, publishedQuestionnaire, yes } from './fixtures';

/**
 * `npm run backup` and `npm run restore` as an operator runs them (the CLI in a child
 * process, configured by DATABASE_URL or DATA_DIR): a seeded database is backed up,
 * restored into a fresh one, and must hold the same rows; a second restore onto the
 * now non-empty target is refused without --force and replaces it with --force.
 */
const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'huifang-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
	const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [`src/cli/${script}.ts`, ...args], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: '', ...env },
		encoding: 'utf8'
	});
	return { code: result.status, out: result.stdout + result.stderr };
}

const TABLES = ['users', 'questionnaires', 'questionnaire_versions', 'responses', 'answers', 'analytics_rollups', 'kysely_migration'];

async function snapshot(db: Db, responseId: string) {
	const counts: Record<string, number> = {};
	for (const table of TABLES) {
		const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
		counts[table] = rows[0]!.n;
	}
	return { counts, answers: [...(await storedAnswers(db, responseId)).values()] };
}

/** A published questionnaire with three responses; returns the database's snapshot and one response id. */
async function seed(config: DbConfig) {
	if (config.kind === 'pglite') mkdirSync(config.dataDir!, { recursive: true });
	const db = createDb(config);
	try {
		await migrateToLatest(db);
		const { id: questionnaireId } = await publishedQuestionnaire(db);
		const { versionId } = (await latestVersion(db, questionnaireId))!;
		for (let i = 0; i < 3; i++) {
			await submitWebResponse(db, {
				questionnaireId,
				versionId,
				submissionId: crypto.randomUUID(),
				answers: [yes('received_promptly', i !== 1), num('recommend', 7 + i), { questionId: 'comment', yesNo: null, number: null, choices: null, text: `第 ${i} 条意见` }]
			});
		}
		const { id: responseId } = await db.selectFrom('responses').select('id').orderBy('submitted_at', 'desc').limit(1).executeTakeFirstOrThrow();
		const before = await snapshot(db, responseId);
		expect(before.counts.responses).toBe(3);
		expect(before.answers).toHaveLength(3);
		return { before, responseId };
	} finally {
		await db.destroy();
	}
}

async function snapshotOf(config: DbConfig, responseId: string) {
	const db = createDb(config);
	try {
		return await snapshot(db, responseId);
	} finally {
		await db.destroy();
	}
}

describe('pglite: backup and restore', () => {
	it('round-trips the data directory through one file, and refuses to overwrite without --force', async () => {
		const source = path.join(work, 'source');
		const target = path.join(work, 'target');
		const { before, responseId } = await seed({ kind: 'pglite', dataDir: path.join(source, 'pglite') });
		const file = path.join(work, 'pglite.tar.gz');

		const made = cli('backup', [file], { DATA_DIR: source });
		expect(made.out).toContain(`written to ${file}`);
		expect(made.code).toBe(0);

		const restored = cli('restore', [file], { DATA_DIR: target });
		expect(restored.code).toBe(0);
		expect(await snapshotOf({ kind: 'pglite', dataDir: path.join(target, 'pglite') }, responseId)).toEqual(before);

		const refused = cli('restore', [file], { DATA_DIR: target });
		expect(refused.code).toBe(1);
		expect(refused.out).toContain('not empty');
		expect(refused.out).toContain('--force');

		const forced = cli('restore', [file, '--force'], { DATA_DIR: target });
		expect(forced.code).toBe(0);
		expect(forced.out).toContain('previous data directory is kept');
		expect(readdirSync(target).filter((name) => name.startsWith('pglite.before-restore-'))).toHaveLength(1);
		expect(await snapshotOf({ kind: 'pglite', dataDir: path.join(target, 'pglite') }, responseId)).toEqual(before);
	}, 180_000);

	it('says so when there is nothing to back up or no file to restore', () => {
		const nothing = cli('backup', [path.join(work, 'none.tar.gz')], { DATA_DIR: path.join(work, 'empty') });
		expect(nothing.code).toBe(1);
		expect(nothing.out).toContain('no PGlite database in');
		const missing = cli('restore', [path.join(work, 'missing.tar.gz')], { DATA_DIR: path.join(work, 'empty') });
		expect(missing.code).toBe(1);
		expect(missing.out).toContain('no backup file at');
		expect(existsSync(path.join(work, 'empty', 'pglite'))).toBe(false);
	}, 60_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('postgres: backup and restore (TEST_DATABASE_URL)', () => {
	it('round-trips through pg_dump -Fc and pg_restore, and refuses to overwrite without --force', async () => {
		const base = new URL(process.env.TEST_DATABASE_URL!);
		const name = `${base.pathname.slice(1)}_bk${Date.now().toString(36)}`;
		const source = await scratchDatabase(base.toString(), `${name}_a`);
		const target = await scratchDatabase(base.toString(), `${name}_b`);
		try {
			const { before, responseId } = await seed({ kind: 'postgres', url: source.url });
			const file = path.join(work, 'postgres.dump');

			const made = cli('backup', [file], { DATABASE_URL: source.url });
			expect(made.out).toContain(`written to ${file}`);
			expect(made.code).toBe(0);

			const restored = cli('restore', [file], { DATABASE_URL: target.url });
			expect(restored.out).toContain('loaded into PostgreSQL');
			expect(restored.code).toBe(0);
			expect(await snapshotOf({ kind: 'postgres', url: target.url }, responseId)).toEqual(before);

			const refused = cli('restore', [file], { DATABASE_URL: target.url });
			expect(refused.code).toBe(1);
			expect(refused.out).toContain('not empty');

			const forced = cli('restore', [file, '--force'], { DATABASE_URL: target.url });
			expect(forced.code).toBe(0);
			expect(await snapshotOf({ kind: 'postgres', url: target.url }, responseId)).toEqual(before);
		} finally {
			await source.drop();
			await target.drop();
		}
	}, 180_000);
});
