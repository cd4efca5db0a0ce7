export const FUNNEL_STAGES = ['sent', 'delivered', 'opened', 'started', 'answered'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelCounts extends Record<FunnelStage, number> {
	/** Every link of the campaign, sent by us or exported. */
	links: number;
}

export interface FunnelRow {
	stage: FunnelStage;
	count: number;
	/** Share of the links sent, in percent with one decimal; null when nothing was sent. */
	ofSent: number | null;
	/** Share of the previous stage; null for the first stage or when the previous is empty. */
	ofPrevious: number | null;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export function funnelRows(c: FunnelCounts): FunnelRow[] {
	return FUNNEL_STAGES.map((stage, i) => ({
		stage,
		count: c[stage],
		ofSent: percent(c[stage], c.sent),
		ofPrevious: i === 0 ? null : percent(c[stage], c[FUNNEL_STAGES[i - 1]!])
	}));
}
