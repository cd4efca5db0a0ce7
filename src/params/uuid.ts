import type { ParamMatcher } from '@sveltejs/kit';

/** Refuses malformed ids before any load runs (and before they reach a uuid column). */
export const match: ParamMatcher = (param) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(param);
