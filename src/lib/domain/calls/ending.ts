import { z } from 'zod';
import { parseCallbackTime } from '../scheduling/call-queue';
import { toDayNumber, fromDayNumber, zonedInstant } from '../scheduling/dates';

/** An appointment window lasts this long unless the agent picks another length. */
export const DEFAULT_WINDOW_MINUTES = 30;
export const WINDOW_MINUTES = [15, 30, 60, 120] as const;

const validDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && fromDayNumber(toDayNumber(v)) === v;

/** The outcome form: a disposition, a note and, for "call back later", the window booked with the customer. */
export const endingSchema = z.object({
	outcome: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'required'),
	note: z
		.string()
		.trim()
		.max(1000, 'too_long')
		.transform((v) => v || null),
	appointmentDate: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || null)
		.refine((v) => v === null || validDate(v), 'floor_appointment_invalid'),
	appointmentTime: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || null)
		.refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'floor_appointment_invalid'),
	appointmentMinutes: z.coerce
		.number()
		.int()
		.refine((n) => (WINDOW_MINUTES as readonly number[]).includes(n), 'invalid')
		.optional()
		.default(DEFAULT_WINDOW_MINUTES),
	withMeOnly: z.preprocess((v) => v === 'on' || v === 'true', z.boolean())
});
export type Ending = z.infer<typeof endingSchema>;

/**
 * The window the agent booked, on the customer's clock: the date and time fields,
 * or when those are empty what the note says (明天下午3点, 2026-12-01 10:30 …).
 * Null when neither names a time.
 */
export function toAppointment(
	e: Ending,
	timeZone: string,
	today: string,
	nowTime: string
): { startsAt: Date; endsAt: Date; withMeOnly: boolean } | null {
	let date = e.appointmentDate;
	let time = e.appointmentTime;
	if (!date && !time) {
		const noted = parseCallbackTime(e.note, today, nowTime);
		if (!noted) return null;
		date = noted.date;
		time = noted.time;
	}
	const startsAt = zonedInstant(date ?? today, time ?? '09:00', timeZone);
	return { startsAt, endsAt: new Date(startsAt.getTime() + e.appointmentMinutes * 60_000), withMeOnly: e.withMeOnly };
}
