import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { handleRoute } from '$lib/server/api/route';
import { changeCaseStateRoute } from '$lib/server/api/case-actions';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, params }) => handleRoute(changeCaseStateRoute, getDb(), request, now(), params);
