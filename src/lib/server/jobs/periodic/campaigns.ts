import type { PeriodicJob } from './types';
import { enrollDue } from '../../campaigns/service';
import { timeZone } from '../../config';
import { todayIn } from '../../../domain/scheduling/dates';
import { expireMessages, queueInvitations, queueReminders } from '../../delivery/queue';
import { sendDueMessages } from '../../delivery/send';

/**
 * Enrols the contacts that became due into every running campaign (before, this
 * happened only when a campaign page was opened). Each campaign is its own
 * transaction under its row lock, so concurrent runs and page views add each
 * callback once (unique per campaign and contact).
 */
async function enrollRunningCampaigns(db: Parameters<PeriodicJob['run']>[0], now: Date): Promise<number> {
	const today = todayIn(timeZone(), now);
	const running = await db.selectFrom('campaigns').select('id').where('status', '=', 'running').execute();
	let added = 0;
	for (const c of running) added += await enrollDue(db, c.id, today);
	return added;
}

export const campaignsJobs: PeriodicJob[] = [
	// Hourly rather than once a day: a new calendar day starts at different hours in different zones.
	{ name: 'campaigns-enroll-due', cron: '5 * * * *', run: enrollRunningCampaigns },
	{
		name: 'links-queue-messages',
		cron: '* * * * *',
		run: async (db, now) => ({ invitations: await queueInvitations(db, now), reminders: await queueReminders(db, now) })
	},
	{ name: 'links-send-messages', cron: '* * * * *', run: (db, now) => sendDueMessages(db, now) },
	{ name: 'links-expire-messages', cron: '*/15 * * * *', run: expireMessages }
];
