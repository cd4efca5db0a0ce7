import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { handleRoute } from '$lib/server/api/route';
import { upsertContacts } from '$lib/server/api/contacts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) => handleRoute(upsertContacts, getDb(), request, now());
