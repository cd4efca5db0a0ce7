import { addDays, fromDayNumber, toDayNumber } from './dates';

/**
 * Where a campaign callback stands. `scheduled` waits for its link or its call;
 * `calling` is claimed by an agent; the others are final for the campaign.
 */
export const CALLBACK_STATUSES = [
	'scheduled',
	'calling',
	'responded',
	'partial',
	'refused',
	'unreachable',
	'invalid_number',
	'cancelled'
] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** Queue rows an agent sees at once. */
export const QUEUE_PAGE_SIZE = 50;
/** A call-back time further ahead than this is taken for a typo, not a wish. */
const MAX_AHEAD_DAYS = 365;

/** A local date 'YYYY-MM-DD' and, when the agent noted one, a time 'HH:MM'. */
export interface LocalTime {
	date: string;
	time: string | null;
}

const validDate = (y: number, m: number, d: number): string | null => {
	if (m < 1 || m > 12 || d < 1 || d > 31) return null;
	const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	return fromDayNumber(toDayNumber(date)) === date ? date : null;
};

const pad = (n: number) => String(n).padStart(2, '0');

function findDate(text: string, today: string): string | null | undefined {
	const full = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
	if (full) return validDate(Number(full[1]), Number(full[2]), Number(full[3]));
	const monthDay = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/.exec(text);
	if (monthDay) {
		const year = Number(today.slice(0, 4));
		const date = validDate(year, Number(monthDay[1]), Number(monthDay[2]));
		if (!date) return null;
		return date < today ? validDate(year + 1, Number(monthDay[1]), Number(monthDay[2])) : date;
	}
	const inDays = /(\d{1,3})\s*天[以之]?后/.exec(text) ?? /in\s+(\d{1,3})\s+days?/.exec(text);
	if (inDays) return addDays(today, Number(inDays[1]));
	if (/后天|day after tomorrow/.test(text)) return addDays(today, 2);
	if (/明天|明日|tomorrow/.test(text)) return addDays(today, 1);
	if (/下周|下星期|next week/.test(text)) return addDays(today, 7);
	if (/今天|今日|today|tonight|今晚/.test(text)) return today;
	return undefined;
}

function findTime(text: string): string | null | undefined {
	let h: number;
	let m = 0;
	const clock = /(?<![\d.])(\d{1,2})\s*:\s*(\d{2})(?!\d)/.exec(text);
	const dian = /(\d{1,2})\s*点\s*(半|(\d{1,2})\s*分?)?/.exec(text);
	const ampm = /(?<![\d:])(\d{1,2})\s*(am|pm)\b/.exec(text);
	if (clock) {
		h = Number(clock[1]);
		m = Number(clock[2]);
	} else if (dian) {
		h = Number(dian[1]);
		m = dian[2] === '半' ? 30 : dian[3] ? Number(dian[3]) : 0;
	} else if (ampm) {
		h = Number(ampm[1]);
	} else return undefined;
	const afternoon = /下午|晚上|傍晚|今晚|pm|evening|afternoon|tonight/.test(text);
	const noon = /中午/.test(text);
	if ((afternoon && h < 12) || (noon && h < 6)) h += 12;
	if (/\bam\b|上午|早上/.test(text) && h === 12) h = 0;
	if (h > 23 || m > 59) return null;
	return `${pad(h)}:${pad(m)}`;
}

/**
 * Reads when to call back from what the agent noted: a date (2026-12-01, 12月1日,
 * 明天/tomorrow, 后天, 3天后/in 3 days, 下周/next week, 今天/today) and/or a time
 * (15:30, 3点半, 下午3点, 3pm). A time alone means its next occurrence. Null when
 * the note names no usable time, or one in the past or over a year ahead.
 */
export function parseCallbackTime(note: string | null, today: string, nowTime: string): LocalTime | null {
	if (!note) return null;
	const text = note
		.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
		.replace(/：/g, ':')
		.toLowerCase();
	const date = findDate(text, today);
	const time = findTime(text);
	if (date === null || time === null || (date === undefined && time === undefined)) return null;
	const day = date ?? (time! > nowTime ? today : addDays(today, 1));
	if (day < today || toDayNumber(day) - toDayNumber(today) > MAX_AHEAD_DAYS) return null;
	return { date: day, time: time ?? null };
}
