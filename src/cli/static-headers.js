/**
 * Preloaded into the server process (`node --import`): adapter-node serves static files
 * and /_app assets before SvelteKit's hooks run, so the hooks cannot set headers on them.
 * Setting nosniff on every response as it starts covers those too.
 */
import http from 'node:http';

const emit = http.Server.prototype.emit;
/** @type {(this: http.Server, event: string | symbol, ...args: any[]) => boolean} */
function emitWithNosniff(event, ...args) {
	if (event === 'request') args[1].setHeader('X-Content-Type-Options', 'nosniff');
	return Reflect.apply(emit, this, [event, ...args]);
}
http.Server.prototype.emit = emitWithNosniff;
