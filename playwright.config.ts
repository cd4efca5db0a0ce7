import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
// Debian's Chromium when present: Playwright's own browser download is not available on our machines.
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
// Every run starts the app as a newcomer would: `npm start` on an empty data directory,
// or on PostgreSQL when E2E_DATABASE_URL names a fresh database.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'huifang-e2e-'));
// Tests move the app's clock through this file (tests/e2e/clock.ts); one per port, so the
// config gives every worker the same path.
process.env.E2E_CLOCK_FILE ??= path.join(tmpdir(), `huifang-e2e-clock-${port}`);
rmSync(process.env.E2E_CLOCK_FILE, { force: true });

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	forbidOnly: !!process.env.CI,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: 'list',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'retain-on-failure',
		locale: 'zh-CN',
		...devices['Desktop Chrome'],
		launchOptions: {
			executablePath,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	},
	webServer: {
		command: 'npm start',
		url: `http://127.0.0.1:${port}/login`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATA_DIR: dataDir,
			HUIFANG_CLOCK_FILE: process.env.E2E_CLOCK_FILE,
			...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {})
		}
	}
});
