/** Every way a callback attempt can end (the seeds' list of call results). */
export const CALL_OUTCOMES = [
	'completed',
	'partial',
	'refused',
	'no_answer',
	'busy',
	'wrong_number',
	'call_back_later'
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Outcomes that mean the customer answered at least part of the questionnaire. */
export const ANSWERED_OUTCOMES: readonly CallOutcome[] = ['completed', 'partial'];
