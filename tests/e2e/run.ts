/**
 * The browser layer of `npm test`. Builds the app once, then runs the whole browser
 * suite against one database and, at the same time on the other core, the smoke
 * subset (the first-run slice and the crash test) against the other:
 * - with E2E_DATABASE_URL: everything on PostgreSQL, smoke on PGlite;
 * - without: everything on PGlite.
 * Extra arguments go to both Playwright runs (e.g. a spec file name).
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const extra = process.argv.slice(2);

// Both runs start the app with `npm start`, which would build; building once first keeps
// them from building into the same folder at the same time.
const build = spawnSync(bin('tsx'), ['src/cli/start.ts', '--build-only'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

interface Run {
	name: string;
	args: string[];
	env: NodeJS.ProcessEnv;
}

function playwright(run: Run): Promise<number> {
	return new Promise((resolve) => {
		// Each run keeps its own results folder: Playwright empties it at the start of a run.
		const output = path.join('test-results', run.name.replace(/\W+/g, '-'));
		const child = spawn(bin('playwright'), ['test', '--output', output, ...run.args, ...extra], {
			cwd: root,
			env: { ...process.env, ...run.env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const prefix = (chunk: Buffer) =>
			chunk
				.toString()
				.split('\n')
				.filter((line) => line.trim() !== '')
				.map((line) => `[${run.name}] ${line}\n`)
				.join('');
		child.stdout.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
		child.stderr.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
	});
}

const SMOKE = ['callback-slice.spec.ts', 'crash-safety.spec.ts'];
const postgresUrl = process.env.E2E_DATABASE_URL;
const runs: Run[] = postgresUrl
	? [
			{ name: 'postgres', args: [], env: { E2E_PORT: '4173', E2E_DATABASE_URL: postgresUrl } },
			{ name: 'pglite smoke', args: SMOKE, env: { E2E_PORT: '4174', E2E_DATABASE_URL: '' } }
		]
	: [{ name: 'pglite', args: [], env: { E2E_PORT: '4173' } }];

const codes = await Promise.all(runs.map(playwright));
for (const [i, code] of codes.entries()) console.log(`browser tests (${runs[i]!.name}): ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
process.exit(codes.some((code) => code !== 0) ? 1 : 0);
