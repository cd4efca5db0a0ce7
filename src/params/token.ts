import type { ParamMatcher } from '@sveltejs/kit';

/** A survey-link token: 32 base64url characters. Anything else is a 404 before any load runs. */
export const match: ParamMatcher = (param) => /^[A-Za-z0-9_-]{32}$/.test(param);
