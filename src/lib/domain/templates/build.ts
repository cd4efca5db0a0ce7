import type { Localized } from '../locale';
import type { ChurnCause, KeyQuestion, Question } from '../questionnaire/definition';
import type { Template } from './template';

/** [Chinese, English]: the order every template text is written in. */
export type Pair = readonly [string, string];

const loc = ([zh, en]: Pair): Localized => ({ 'zh-CN': zh, en });

/**
 * A key yes/no question: what the customer reads, what the agent says, and the
 * answer prepared for a "no" (提前制定应对措施).
 */
export function key(id: string, cause: ChurnCause, text: Pair, agentText: Pair, preparedResponse: Pair): KeyQuestion {
	return { id, kind: 'key', required: true, cause, text: loc(text), agentText: loc(agentText), preparedResponse: loc(preparedResponse) };
}

/**
 * Overall satisfaction, likelihood to recommend and one open comment, about `subject`. The scales'
 * meaning is said once, by the end labels every page shows (scale_low_* / scale_high_*), not in the text.
 */
function closing(subject: Pair): Question[] {
	const [zh, en] = subject;
	return [
		{
			id: 'overall_satisfaction',
			kind: 'rating',
			required: true,
			text: loc([`总体而言，您对${zh}的满意程度如何？`, `Overall, how satisfied are you with ${en}?`])
		},
		{
			id: 'recommend',
			kind: 'nps',
			required: false,
			text: loc([`您有多大可能向亲友推荐${zh}？`, `How likely are you to recommend ${en} to friends or colleagues?`])
		},
		{
			id: 'comment',
			kind: 'text',
			required: false,
			text: loc(['您还有什么意见或建议吗？', 'Anything else you would like to tell us?'])
		}
	];
}

export function template(spec: {
	id: string;
	industry: string;
	title: Pair;
	intro: Pair;
	subject: Pair;
	keys: KeyQuestion[];
}): Template {
	return {
		id: spec.id,
		industry: spec.industry,
		title: loc(spec.title),
		definition: {
			schemaVersion: 1,
			intro: loc(spec.intro),
			thanks: loc([
				'感谢您的反馈！您反映的问题我们会安排专人跟进，并把处理结果告诉您。',
				'Thank you for your feedback! Someone will follow up on any problem you raised and tell you how it was resolved.'
			]),
			questions: [...spec.keys, ...closing(spec.subject)]
		}
	};
}
