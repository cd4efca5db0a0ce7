import { getDb } from '$lib/server/db';
import { timeZone } from '$lib/server/config';
import { FLOOR_ROLES, requireRole } from '$lib/server/calls/guards';
import { clockNow } from '$lib/server/calls/queue';
import { wallboard } from '$lib/server/calls/wallboard';
import { log } from '$lib/server/log';
import type { RequestHandler } from './$types';

/** Seconds between two wallboard frames: fresher than the 10 seconds a supervisor is promised. */
const EVERY_MS = 5_000;

/**
 * The wallboard as server-sent events: one JSON frame now and every few seconds,
 * read from the database each time (no process keeps state), until the page goes.
 */
export const GET: RequestHandler = ({ locals, url }) => {
	requireRole(locals, url, FLOOR_ROLES);
	const encoder = new TextEncoder();
	let timer: ReturnType<typeof setInterval> | undefined;
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = async () => {
				try {
					const board = await wallboard(getDb(), clockNow(timeZone()));
					controller.enqueue(encoder.encode(`data: ${JSON.stringify(board)}\n\n`));
				} catch (e) {
					log('warn', 'wallboard_frame_failed', { error: String(e) });
				}
			};
			void send();
			timer = setInterval(() => void send(), EVERY_MS);
		},
		cancel() {
			clearInterval(timer);
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' }
	});
};
