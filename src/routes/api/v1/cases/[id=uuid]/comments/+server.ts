import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { handleRoute } from '$lib/server/api/route';
import { commentOnCaseRoute } from '$lib/server/api/case-actions';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, params }) => handleRoute(commentOnCaseRoute, getDb(), request, now(), params);
