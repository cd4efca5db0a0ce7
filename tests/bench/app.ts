import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** The built app as a user starts it (`npm start`), in its own process group; resolves once it answers. */
export async function startApp(env: Record<string, string>, port: number): Promise<ChildProcess> {
	const app = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/start.ts'], {
		cwd: root,
		env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}` },
		stdio: ['ignore', 'ignore', 'inherit'],
		// Its own process group, so stopping it stops the workers it forks too.
		detached: true
	});
	for (let i = 0; i < 600; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return app;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	await stopApp(app);
	throw new Error('the app did not start');
}

export async function stopApp(app: ChildProcess): Promise<void> {
	if (app.exitCode !== null || app.signalCode !== null) return;
	const exited = new Promise((r) => app.once('exit', r));
	process.kill(-app.pid!, 'SIGTERM');
	await exited;
}
