const KB = 1024;
const MB = 1024 * KB;

/**
 * The largest request body each route accepts. adapter-node's BODY_SIZE_LIMIT
 * (21M, set by `npm start`) is the ceiling for the one route that needs it.
 */
export function bodyLimit(pathname: string): number {
	// Above adapter-node's ceiling (BODY_SIZE_LIMIT, 21M): the import itself refuses a declared
	// body over 20 MB, with a message that names the rule, before reading it.
	if (pathname === '/contacts/import') return 22 * MB;
	if (pathname === '/login' || pathname === '/setup') return 16 * KB;
	if (pathname.startsWith('/s/') || pathname.startsWith('/l/')) return 256 * KB;
	return 1 * MB;
}

export class BodyTooLargeError extends Error {
	constructor() {
		super('request body over the route limit');
	}
}

/** The request with a body that fails once more than `limit` bytes arrive (chunked bodies have no length to check first). */
export function limitBody(request: Request, limit: number): Request {
	if (!request.body) return request;
	let seen = 0;
	const counted = request.body.pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				seen += chunk.byteLength;
				if (seen > limit) controller.error(new BodyTooLargeError());
				else controller.enqueue(chunk);
			}
		})
	);
	return new Request(request, { body: counted, duplex: 'half' } as RequestInit);
}
