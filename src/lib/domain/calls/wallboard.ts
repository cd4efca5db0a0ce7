/** The supervisor's wallboard: one frame, as the page and the event stream carry it. */
export type AgentState = 'idle' | 'opening' | 'question' | 'recap';

export interface AgentRow {
	id: string;
	name: string;
	agentCode: string | null;
	state: AgentState;
	/** In the script: at question n of m. */
	progress: { n: number; total: number } | null;
	callId: string | null;
	customer: string | null;
	campaign: string | null;
	/** Seconds in the current state: since the call's last action, or since the last call ended. */
	seconds: number | null;
	callsToday: number;
	completesToday: number;
}

export interface CampaignRow {
	id: string;
	name: string;
	status: string;
	dueNow: number;
	appointmentsNextHour: number;
	missedAppointments: number;
	staleClaims: number;
	heldByHours: number;
}

export interface Wallboard {
	at: string;
	agents: AgentRow[];
	campaigns: CampaignRow[];
}
