/**
 * The life of a follow-up case, as pure rules: which action may move a case from
 * which state, and who may take it. Services apply the result with a conditional
 * UPDATE (… WHERE state = <from>), so two people acting at once cannot both win.
 */
export const CASE_STATES = ['open', 'in_progress', 'resolved', 'informed', 'verified', 'wont_fix'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const OPEN_STATES = ['open', 'in_progress', 'resolved', 'informed'] as const satisfies readonly CaseState[];
export const TERMINAL_STATES: readonly CaseState[] = ['verified', 'wont_fix'];

export const ASSIGNMENT_MODES = ['round_robin', 'lead'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export const INFORM_CHANNELS = ['phone', 'sms', 'email', 'in_person'] as const;
export type InformChannel = (typeof INFORM_CHANNELS)[number];

export type CaseAction = 'accept' | 'resolve' | 'inform' | 'verify' | 'reopen' | 'wont_fix';
export const CASE_ACTIONS: readonly CaseAction[] = ['accept', 'resolve', 'inform', 'verify', 'reopen', 'wont_fix'];

/** Who is acting, relative to the case. */
export interface Actor {
	/** The case owner. */
	owner: boolean;
	/** A member (or the lead) of the case's team. */
	member: boolean;
	/** A supervisor or admin. */
	supervisor: boolean;
	/** The verification callback: the only way an agent outside the team changes a case. */
	verification: boolean;
}

export type TransitionError = 'illegal_move' | 'not_allowed';
export type Transition = { ok: true; to: CaseState } | { ok: false; error: TransitionError };

const MOVES: Record<CaseAction, { from: readonly CaseState[]; to: CaseState }> = {
	accept: { from: ['open'], to: 'in_progress' },
	resolve: { from: ['in_progress'], to: 'resolved' },
	inform: { from: ['resolved'], to: 'informed' },
	verify: { from: ['informed'], to: 'verified' },
	reopen: { from: ['informed'], to: 'in_progress' },
	wont_fix: { from: OPEN_STATES, to: 'wont_fix' }
};

function allowed(action: CaseAction, actor: Actor, hasOwner: boolean): boolean {
	switch (action) {
		case 'accept':
			// The owner, or any team member while nobody owns it yet (first come, first served).
			return actor.owner || (actor.member && !hasOwner) || actor.supervisor;
		case 'resolve':
		case 'inform':
			return actor.owner || actor.supervisor;
		case 'verify':
		case 'reopen':
			return actor.verification;
		case 'wont_fix':
			return actor.supervisor;
	}
}

export function transition(state: CaseState, action: CaseAction, actor: Actor, hasOwner: boolean): Transition {
	const move = MOVES[action];
	if (!move.from.includes(state)) return { ok: false, error: 'illegal_move' };
	if (!allowed(action, actor, hasOwner)) return { ok: false, error: 'not_allowed' };
	return { ok: true, to: move.to };
}

export function isOpenState(state: CaseState): boolean {
	return (OPEN_STATES as readonly CaseState[]).includes(state);
}

/** The states an action may start from (for the conditional UPDATE). */
export function fromStates(action: CaseAction): readonly CaseState[] {
	return MOVES[action].from;
}
