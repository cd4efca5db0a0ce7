import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { handleRoute } from '$lib/server/api/route';
import { getCaseRoute } from '$lib/server/api/cases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, params }) => handleRoute(getCaseRoute, getDb(), request, now(), params);
