import { z } from 'zod';
import { ApiProblem } from './problem';

/**
 * A page's position as an opaque token: the last row's timestamp (as PostgreSQL prints
 * it) and id, so the next page starts strictly after it, whatever was written meanwhile.
 */
export const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

export function decodeCursor(cursor: string): [string, string] {
	try {
		const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
		return z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/), z.uuid()]).parse(value);
	} catch {
		throw new ApiProblem(400, 'invalid_request', [{ pointer: '#/query/cursor', detail: 'cursor' }]);
	}
}
