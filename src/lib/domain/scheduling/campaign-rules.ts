import { z } from 'zod';
import { addDays, daysBetween } from './dates';
import { inSample } from './sampling';
import { normalizeDate } from '../contacts/values';

export const CHANNELS = ['link', 'phone', 'link_then_phone'] as const;
export type CampaignChannel = (typeof CHANNELS)[number];
export const DELAY_PRESETS = [7, 30, 90, 180] as const;
export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'finished'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const DEFAULT_CAP_DAYS = 30;

/** Why a contact is left out of a campaign, in the order the reasons are checked. */
export const EXCLUSIONS = ['do_not_contact', 'open_case', 'no_phone', 'no_event_date', 'sampling', 'not_due', 'cap', 'already_enrolled'] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

export interface CampaignRule {
	delayDays: number;
	samplePercent: number;
	sampleSeed: string;
	channel: CampaignChannel;
}

export interface Candidate {
	id: string;
	phone: string | null;
	doNotContact: boolean;
	eventDate: string | null;
	/** The contact has a follow-up case still open (neither verified nor closed). */
	openCase?: boolean;
}

/** When the callback is due: N days after the event. */
export const dueDate = (eventDate: string, delayDays: number) => addDays(eventDate, delayDays);

/** The frequency cap: a new contact on `due` is allowed when every other one is at least `capDays` away. */
export function capAllows(due: string, others: string[], capDays: number): boolean {
	return others.every((other) => Math.abs(daysBetween(other, due)) >= capDays);
}

/**
 * Decides one contact: included with its due date, or the first reason it is left out.
 * `others` are the due dates of the contact's callbacks in every campaign.
 */
export function classify(
	c: Candidate,
	rule: CampaignRule,
	ctx: { today: string; capDays: number; others: string[]; enrolled: boolean }
): { included: true; due: string } | { included: false; reason: Exclusion } {
	if (ctx.enrolled) return { included: false, reason: 'already_enrolled' };
	if (c.doNotContact) return { included: false, reason: 'do_not_contact' };
	if (c.openCase) return { included: false, reason: 'open_case' };
	if (!c.phone) return { included: false, reason: 'no_phone' };
	if (!c.eventDate) return { included: false, reason: 'no_event_date' };
	if (!inSample(rule.sampleSeed, c.id, rule.samplePercent)) return { included: false, reason: 'sampling' };
	const due = dueDate(c.eventDate, rule.delayDays);
	if (due > ctx.today) return { included: false, reason: 'not_due' };
	if (!capAllows(due, ctx.others, ctx.capDays)) return { included: false, reason: 'cap' };
	return { included: true, due };
}

const dateString = (message: string) =>
	z
		.string()
		.trim()
		.transform((v, ctx) => {
			if (v === '') return null;
			const date = normalizeDate(v);
			if (!date) ctx.addIssue({ code: 'custom', message });
			return date;
		});

/** The new-campaign form. */
export const campaignFormSchema = z
	.object({
		name: z.string().trim().min(1, 'required').max(120, 'too_long'),
		questionnaireId: z.uuid('campaign_error_questionnaire'),
		tiers: z
			.string()
			.max(400, 'too_long')
			.transform((v) => [...new Set(v.split(/[,，\s]+/).map((t) => t.trim()).filter(Boolean))]),
		industry: z
			.string()
			.trim()
			.max(100, 'too_long')
			.transform((v) => v || null),
		eventFrom: dateString('contacts_error_date'),
		eventTo: dateString('contacts_error_date'),
		delayDays: z.coerce.number('campaign_error_days').int('campaign_error_days').min(0, 'campaign_error_days').max(3650, 'campaign_error_days'),
		samplePercent: z.coerce.number('campaign_error_percent').int('campaign_error_percent').min(1, 'campaign_error_percent').max(100, 'campaign_error_percent'),
		sampleSeed: z.string().trim().min(1, 'required').max(64, 'too_long'),
		channel: z.enum(CHANNELS, 'invalid'),
		phoneAfterDays: z.coerce.number('campaign_error_days').int('campaign_error_days').min(1, 'campaign_error_days').max(90, 'campaign_error_days'),
		linkValidDays: z.coerce.number('campaign_error_days').int('campaign_error_days').min(1, 'campaign_error_days').max(365, 'campaign_error_days')
	})
	.refine((c) => !c.eventFrom || !c.eventTo || c.eventFrom <= c.eventTo, {
		message: 'campaign_error_window',
		path: ['eventTo'],
		when: (p) => !p.issues.some((i) => i.path?.[0] === 'eventFrom' || i.path?.[0] === 'eventTo')
	});
export type CampaignForm = z.infer<typeof campaignFormSchema>;

/** Which state changes a campaign allows. */
export const TRANSITIONS: Record<CampaignStatus, Partial<Record<'launch' | 'pause' | 'resume' | 'finish', CampaignStatus>>> = {
	draft: { launch: 'running' },
	running: { pause: 'paused', finish: 'finished' },
	paused: { resume: 'running', finish: 'finished' },
	finished: {}
};
export type CampaignAction = 'launch' | 'pause' | 'resume' | 'finish';
