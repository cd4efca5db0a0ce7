import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/forms';
import { failedJobs, jobQueues, recentJobs, retryJob } from '$lib/server/jobs/admin';
import { jobsInProcess } from '$lib/server/jobs/in-process';
import { timeZone } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageUsers');
	const db = getDb();
	const [queues, recent, failed] = await Promise.all([jobQueues(db), recentJobs(db), failedJobs(db)]);
	// Times in the app's zone, the same on the server and in the browser.
	return { queues, recent, failed, inProcess: jobsInProcess(), timeZone: timeZone() };
};

const retrySchema = z.object({ queue: z.string().min(1).max(200), id: z.uuid() });

export const actions: Actions = {
	retry: async ({ locals, url, request }) => {
		requirePermission(locals, url, 'manageUsers');
		const form = await parseForm(request, retrySchema);
		if (!form.ok) throw error(404, 'not_found');
		if (!(await retryJob(getDb(), form.data.queue, form.data.id))) return fail(400, { error: 'jobs_retry_gone' });
		return { retried: form.data.queue };
	}
};
