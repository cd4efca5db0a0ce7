import { z } from 'zod';

/**
 * How a call attempt ended, as data an administrator can edit. Each disposition
 * carries its AAPOR group (Standard Definitions: I complete, P partial, R refusal
 * and break-off, NC non-contact, O other, UH/UO unknown eligibility, NE not eligible)
 * and the rules the callback follows after it.
 */
export const AAPOR_GROUPS = ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'] as const;
export type AaporGroup = (typeof AAPOR_GROUPS)[number];

/**
 * What a disposition does beyond its flags: `complete` and `partial` close the
 * interview (and need its answers), `appointment` books a call-back window,
 * `voicemail` counts towards the campaign's voicemail cap, `invalid_number` flags
 * the contact's number for correction.
 */
export const DISPOSITION_EFFECTS = ['none', 'complete', 'partial', 'appointment', 'voicemail', 'invalid_number'] as const;
export type DispositionEffect = (typeof DISPOSITION_EFFECTS)[number];

export interface Disposition {
	key: string;
	labelZh: string;
	labelEn: string;
	aaporGroup: AaporGroup;
	aaporCode: string;
	/** Ends the callback for the campaign. */
	final: boolean;
	/** The customer was reached (the frequency cap counts from this day). */
	contacted: boolean;
	/** Counts towards the campaign's maximum attempts. */
	countsAttempt: boolean;
	/** Marks the contact do-not-contact and cancels their other callbacks. */
	setsDnc: boolean;
	noteRequired: boolean;
	/** Minutes until a non-final callback comes back; null: a day. */
	retryMinutes: number | null;
	effect: DispositionEffect;
	/** Set by the system (a released claim), never offered to agents. */
	system: boolean;
	sort: number;
}

const d = (
	key: string,
	labelZh: string,
	labelEn: string,
	aaporGroup: AaporGroup,
	aaporCode: string,
	flags: Partial<Omit<Disposition, 'key' | 'labelZh' | 'labelEn' | 'aaporGroup' | 'aaporCode' | 'sort'>>,
	sort: number
): Disposition => ({
	key,
	labelZh,
	labelEn,
	aaporGroup,
	aaporCode,
	final: false,
	contacted: false,
	countsAttempt: true,
	setsDnc: false,
	noteRequired: false,
	retryMinutes: null,
	effect: 'none',
	system: false,
	...flags,
	sort
});

/**
 * The satisfaction-callback set seeded by migration 0020. The seven outcomes the
 * phone script had before keep their keys (completed, partial, refused, no_answer,
 * busy, wrong_number, call_back_later), so every earlier call keeps its meaning;
 * `refused` is the hard refusal. Codes: AAPOR Standard Definitions, 9th edition (2016).
 */
export const SEED_DISPOSITIONS: Disposition[] = [
	d('completed', '完成', 'Completed', 'I', '1.1', { final: true, contacted: true, effect: 'complete' }, 10),
	d('partial', '部分完成 / 中断', 'Partial / break-off', 'P', '1.2', { final: true, contacted: true, effect: 'partial' }, 20),
	d('refused_soft', '婉拒（7 天后再拨）', 'Soft refusal (retry in 7 days)', 'R', '2.111', { contacted: true, retryMinutes: 7 * 24 * 60 }, 30),
	d('refused', '坚决拒访（不再联系）', 'Hard refusal (do not contact)', 'R', '2.112', { final: true, contacted: true, setsDnc: true }, 40),
	d('no_answer', '无人接听', 'No answer', 'UH', '3.13', { retryMinutes: 180 }, 50),
	d('busy', '占线', 'Busy', 'UH', '3.12', { retryMinutes: 15 }, 60),
	d('voicemail_left', '语音信箱，已留言', 'Voicemail, message left', 'NC', '2.221', { retryMinutes: 24 * 60, effect: 'voicemail' }, 70),
	d('voicemail_not_left', '语音信箱，未留言', 'Voicemail, no message', 'NC', '2.222', { retryMinutes: 180 }, 80),
	d('wrong_person', '非本人（号码属他人）', 'Wrong person', 'UO', '3.90', { final: true, effect: 'invalid_number' }, 90),
	d('wrong_number', '空号 / 错号', 'Invalid number', 'NE', '4.31', { final: true, effect: 'invalid_number' }, 100),
	d('fax_line', '传真或数据线', 'Fax or data line', 'NE', '4.20', { final: true, effect: 'invalid_number' }, 110),
	d('language_barrier', '语言障碍', 'Language barrier', 'O', '2.33', { final: true, contacted: true }, 120),
	d('deceased_unable', '已故或无法应答', 'Deceased or unable', 'O', '2.31', { final: true, contacted: true, setsDnc: true }, 130),
	d('call_back_later', '预约回拨', 'Call back later (appointment)', 'NC', '2.21', { contacted: true, countsAttempt: false, effect: 'appointment' }, 140),
	d('supervisor_review', '转主管复核', 'Supervisor review', 'O', '2.90', { contacted: true, noteRequired: true, retryMinutes: 24 * 60 }, 150),
	d('abandoned', '超时释放（系统）', 'Abandoned (released by the system)', 'UH', '3.90', { countsAttempt: false, retryMinutes: 0, system: true }, 900)
];

/** A disposition key: short, stable, lower case. */
export const dispositionKeySchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'invalid');

const flag = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

/** The admin's form for a disposition (keys of system dispositions cannot be created). */
export const dispositionFormSchema = z.object({
	key: dispositionKeySchema,
	labelZh: z.string().trim().min(1, 'required').max(80, 'too_long'),
	labelEn: z.string().trim().min(1, 'required').max(80, 'too_long'),
	aaporGroup: z.enum(AAPOR_GROUPS, 'invalid'),
	aaporCode: z.string().trim().regex(/^[1-4](\.\d{1,4})?$/, 'invalid'),
	final: flag,
	contacted: flag,
	countsAttempt: flag,
	setsDnc: flag,
	noteRequired: flag,
	retryMinutes: z.preprocess(
		(v) => (v === '' || v === undefined ? null : v),
		z.coerce.number().int('invalid').min(0, 'invalid').max(60 * 24 * 90, 'invalid').nullable()
	),
	effect: z.enum(DISPOSITION_EFFECTS, 'invalid'),
	sort: z.coerce.number().int('invalid').min(0, 'invalid').max(10_000, 'invalid')
});
export type DispositionForm = z.infer<typeof dispositionFormSchema>;

/** The label in the user's language. */
export const dispositionLabel = (d: Pick<Disposition, 'labelZh' | 'labelEn'>, locale: string): string =>
	locale === 'en' ? d.labelEn : d.labelZh;

/** Why a disposition cannot end this call, or null when it can. */
export function dispositionProblem(
	d: Pick<Disposition, 'noteRequired' | 'system'>,
	interviewProblem: 'required_missing' | 'nothing_answered' | null,
	note: string | null
): 'required_missing' | 'nothing_answered' | 'note_required' | 'invalid' | null {
	if (d.system) return 'invalid';
	if (interviewProblem) return interviewProblem;
	if (d.noteRequired && !note) return 'note_required';
	return null;
}
