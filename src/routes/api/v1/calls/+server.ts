import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { handleRoute } from '$lib/server/api/route';
import { recordCallEvent } from '$lib/server/api/calls';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) => handleRoute(recordCallEvent, getDb(), request, now());
