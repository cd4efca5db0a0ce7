import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Throwaway PostgreSQL clusters for tests that must stop, restart or replicate a server
 * (the shared one on 5432 is never touched): initdb into a fresh temporary directory, a
 * free port, sockets in that directory. PostgreSQL refuses to run as root, so as root
 * (CI, our machines) its programs run as the `postgres` OS user.
 */
const run = promisify(execFile);

/** PG_BINDIR, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout). */
export function postgresBinDir(): string | null {
	if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return null;
	const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a));
	return versions[0] ? path.join(base, versions[0], 'bin') : null;
}

const asRoot = process.getuid?.() === 0;
const OS_USER = 'postgres';

async function pg(program: string, args: string[]): Promise<string> {
	const bin = path.join(postgresBinDir()!, program);
	const [file, argv]: [string, string[]] = asRoot ? ['runuser', ['-u', OS_USER, '--', bin, ...args]] : [bin, args];
	try {
		const { stdout } = await run(file, argv, { timeout: 60_000 });
		return stdout;
	} catch (e) {
		const err = e as { stderr?: string; message: string };
		throw new Error(`${program} ${args.join(' ')} failed: ${err.stderr || err.message}`);
	}
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

function ownedTempDir(prefix: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	if (asRoot) {
		const { uid, gid } = postgresIds();
		chownSync(dir, uid, gid);
	}
	return dir;
}

function postgresIds(): { uid: number; gid: number } {
	const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${OS_USER}:`));
	if (!line) throw new Error(`running as ${userInfo().username} needs an OS user named ${OS_USER}`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

export class Cluster {
	readonly url: string;
	readonly port: number;
	private readonly root: string;
	private readonly dataDir: string;
	private readonly logFile: string;

	private constructor(root: string, port: number) {
		this.root = root;
		this.port = port;
		this.dataDir = path.join(root, 'data');
		this.logFile = path.join(root, 'server.log');
		this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	}

	/** A new cluster (trust authentication on 127.0.0.1, WAL ready for a streaming replica), not yet started. */
	static async create(): Promise<Cluster> {
		const cluster = new Cluster(ownedTempDir('huifang-pg-'), await freePort());
		await pg('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
		const settings = [
			`port = ${cluster.port}`,
			`listen_addresses = '127.0.0.1'`,
			`unix_socket_directories = '${cluster.root}'`,
			'wal_level = replica',
			'max_wal_senders = 4',
			'fsync = off',
			'shared_buffers = 32MB'
		];
		writeFileSync(path.join(cluster.dataDir, 'postgresql.auto.conf'), settings.join('\n') + '\n');
		writeFileSync(path.join(cluster.dataDir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n');
		return cluster;
	}

	/** A streaming replica of `primary` (pg_basebackup -R), on its own port, not yet started. */
	static async standbyOf(primary: Cluster): Promise<Cluster> {
		const standby = new Cluster(ownedTempDir('huifang-pg-standby-'), await freePort());
		await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', standby.dataDir, '-R', '-X', 'stream', '--no-sync']);
		// The copied settings name the primary's port and socket directory; -R added primary_conninfo.
		const auto = readFileSync(path.join(standby.dataDir, 'postgresql.auto.conf'), 'utf8')
			.replace(/^port = .*$/m, `port = ${standby.port}`)
			.replace(/^unix_socket_directories = .*$/m, `unix_socket_directories = '${standby.root}'`);
		writeFileSync(path.join(standby.dataDir, 'postgresql.auto.conf'), auto);
		return standby;
	}

	async start(): Promise<void> {
		await pg('pg_ctl', ['start', '-w', '-t', '60', '-D', this.dataDir, '-l', this.logFile]);
	}

	/** `fast`: in-flight transactions are rolled back and every connection is cut, as in a restart. */
	async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
		await pg('pg_ctl', ['stop', '-w', '-t', '60', '-m', mode, '-D', this.dataDir]);
	}

	/** Stops the server if it runs and removes its files. */
	async destroy(): Promise<void> {
		if (existsSync(path.join(this.dataDir, 'postmaster.pid'))) await this.stop('immediate').catch(() => {});
		rmSync(this.root, { recursive: true, force: true });
	}
}
