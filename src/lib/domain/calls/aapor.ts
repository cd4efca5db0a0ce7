/**
 * AAPOR outcome rates from final disposition counts, as defined in The American
 * Association for Public Opinion Research, Standard Definitions: Final Dispositions
 * of Case Codes and Outcome Rates for Surveys, 9th edition (2016), pp. 61–64
 * ("Calculating rates from response distributions"):
 *
 *   I complete interview · P partial interview · R refusal and break-off ·
 *   NC non-contact · O other · UH unknown if household/occupied ·
 *   UO unknown, other · e estimated share of eligible cases among the unknowns.
 *
 * Every rate is a fraction in [0, 1]; a rate whose denominator is 0 is 0.
 */
export interface DispositionCounts {
	I: number;
	P: number;
	R: number;
	NC: number;
	O: number;
	UH: number;
	UO: number;
}

export interface ResponseRates {
	RR1: number;
	RR2: number;
	RR3: number;
	RR4: number;
	RR5: number;
	RR6: number;
	COOP1: number;
	COOP2: number;
	COOP3: number;
	COOP4: number;
	REF1: number;
	REF2: number;
	REF3: number;
	CON1: number;
	CON2: number;
	CON3: number;
}

const ratio = (numerator: number, denominator: number): number => {
	if (!(denominator > 0)) return 0;
	return Math.min(1, Math.max(0, numerator / denominator));
};

export function responseRates(counts: DispositionCounts, e: number): ResponseRates {
	const { I, P, R, NC, O, UH, UO } = counts;
	const eligible = Math.min(1, Math.max(0, Number.isFinite(e) ? e : 1));
	const interviews = I + P;
	const nonInterviews = R + NC + O;
	const unknown = UH + UO;
	const contacted = interviews + R + O;
	return {
		// RR1 = I / ((I+P) + (R+NC+O) + (UH+UO))
		RR1: ratio(I, interviews + nonInterviews + unknown),
		// RR2 = (I+P) / ((I+P) + (R+NC+O) + (UH+UO))
		RR2: ratio(interviews, interviews + nonInterviews + unknown),
		// RR3 = I / ((I+P) + (R+NC+O) + e(UH+UO))
		RR3: ratio(I, interviews + nonInterviews + eligible * unknown),
		// RR4 = (I+P) / ((I+P) + (R+NC+O) + e(UH+UO))
		RR4: ratio(interviews, interviews + nonInterviews + eligible * unknown),
		// RR5 = I / ((I+P) + (R+NC+O))
		RR5: ratio(I, interviews + nonInterviews),
		// RR6 = (I+P) / ((I+P) + (R+NC+O))
		RR6: ratio(interviews, interviews + nonInterviews),
		// COOP1 = I / ((I+P) + R + O)
		COOP1: ratio(I, interviews + R + O),
		// COOP2 = (I+P) / ((I+P) + R + O)
		COOP2: ratio(interviews, interviews + R + O),
		// COOP3 = I / ((I+P) + R)
		COOP3: ratio(I, interviews + R),
		// COOP4 = (I+P) / ((I+P) + R)
		COOP4: ratio(interviews, interviews + R),
		// REF1 = R / ((I+P) + (R+NC+O) + (UH+UO))
		REF1: ratio(R, interviews + nonInterviews + unknown),
		// REF2 = R / ((I+P) + (R+NC+O) + e(UH+UO))
		REF2: ratio(R, interviews + nonInterviews + eligible * unknown),
		// REF3 = R / ((I+P) + (R+NC+O))
		REF3: ratio(R, interviews + nonInterviews),
		// CON1 = ((I+P) + R + O) / ((I+P) + R + O + NC + (UH+UO))
		CON1: ratio(contacted, contacted + NC + unknown),
		// CON2 = ((I+P) + R + O) / ((I+P) + R + O + NC + e(UH+UO))
		CON2: ratio(contacted, contacted + NC + eligible * unknown),
		// CON3 = ((I+P) + R + O) / ((I+P) + R + O + NC)
		CON3: ratio(contacted, contacted + NC)
	};
}

/**
 * The default `e`: the share of eligible cases among the cases whose eligibility
 * was resolved (eligible: I, P, R, NC, O; resolved also counts the not-eligible NE).
 * 1 when nothing is resolved yet.
 */
export function defaultEligibility(counts: DispositionCounts & { NE: number }): number {
	const eligible = counts.I + counts.P + counts.R + counts.NC + counts.O;
	const resolved = eligible + counts.NE;
	return resolved > 0 ? eligible / resolved : 1;
}
