import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isUniqueViolation } from '../../src/lib/server/db/errors';

/** What counts as "the database is away" (answered 503, try again) rather than a bug (500). */
describe('isDatabaseUnavailable', () => {
	const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

	it('recognises a server shutting down, restarting or refusing connections', () => {
		expect(isDatabaseUnavailable(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
		expect(isDatabaseUnavailable(pgError('57P03', 'the database system is starting up'))).toBe(true);
		expect(isDatabaseUnavailable(pgError('08006'))).toBe(true);
		expect(isDatabaseUnavailable(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
	});

	it("recognises pg's own messages for a cut connection", () => {
		expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
		expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
		expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
	});

	it('looks inside an AggregateError (a name with several addresses) and a cause', () => {
		expect(isDatabaseUnavailable(new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')], 'connect failed'))).toBe(true);
		expect(isDatabaseUnavailable(new Error('wrapped', { cause: pgError('57P01') }))).toBe(true);
	});

	it('leaves query errors and everything else alone', () => {
		expect(isDatabaseUnavailable(pgError('23505', 'duplicate key value'))).toBe(false);
		expect(isDatabaseUnavailable(pgError('42P01', 'relation "x" does not exist'))).toBe(false);
		expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
		expect(isDatabaseUnavailable(null)).toBe(false);
		expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
		expect(isUniqueViolation(pgError('23505'))).toBe(true);
	});
});
