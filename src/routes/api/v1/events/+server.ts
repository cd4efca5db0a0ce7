import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { handleRoute } from '$lib/server/api/route';
import { recordServiceEvents } from '$lib/server/api/events';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) => handleRoute(recordServiceEvents, getDb(), request, now());
