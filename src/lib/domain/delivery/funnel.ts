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

/** The stage a stage's rate is taken from: "opened" skips "delivered" when nothing reported deliveries (plain SMTP does not). */
function previous(c: FunnelCounts, i: number): number {
	const stage = FUNNEL_STAGES[i]!;
	if (stage === 'opened' && c.delivered === 0) return c.sent;
	return c[FUNNEL_STAGES[i - 1]!];
}

export function funnelRows(c: FunnelCounts): FunnelRow[] {
	return FUNNEL_STAGES.map((stage, i) => ({
		stage,
		count: c[stage],
		ofSent: percent(c[stage], c.sent),
		ofPrevious: i === 0 ? null : percent(c[stage], previous(c, i))
	}));
}
