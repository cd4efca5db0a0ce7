import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { handleRoute } from '$lib/server/api/route';
import { listResponses } from '$lib/server/api/responses';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request }) => handleRoute(listResponses, getDb(), request, now());
