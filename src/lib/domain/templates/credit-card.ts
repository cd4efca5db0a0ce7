import { key, template } from './build';

/** Credit card: limit, card use, special and partner services, repayment, value-added services. */
export const creditCard = template({
	id: 'credit-card',
	industry: 'credit_card',
	title: ['信用卡客户回访', 'Credit card customer callback'],
	intro: ['感谢您使用我行信用卡。以下几个问题只需一分钟，帮助我们把服务做得更好。', 'Thank you for using our credit card. These few questions take a minute and help us serve you better.'],
	subject: ['我行信用卡服务', 'our credit card service'],
	keys: [
		key('limit_meets_needs', 'price', ['您目前的信用额度是否满足日常使用需要？', 'Does your current credit limit meet your everyday needs?'], ['请问您现在的信用额度，平时用起来够用吗？', 'Is your current credit limit enough for what you use the card for?'], ['了解。我可以现在为您登记额度评估申请，审核结果会在 3 个工作日内短信通知您。', 'I see. I can register a limit review for you now; you will get the result by text within 3 working days.']),
		key('card_works_everywhere', 'quality', ['您在消费和取现时，卡片是否都能正常使用？', 'Has the card worked every time you paid or withdrew cash?'], ['您刷卡消费或取现的时候，有没有遇到过卡片用不了的情况？没有的话请回答“是，都正常”。', 'Has the card always worked when you paid or took out cash?'], ['抱歉给您带来不便。请告诉我大概的时间和商户，我马上提交技术排查，并在 2 个工作日内回复您原因。', 'Sorry for the trouble. Tell me roughly when and where it happened and I will raise a technical check; we will tell you the cause within 2 working days.']),
		key('repayment_easy', 'service', ['还款方式是否方便（自动还款、App 还款等）？', 'Is repaying easy for you (automatic debit, app, etc.)?'], ['您觉得现在的还款方式方便吗，比如自动还款或者在 App 里还款？', 'Do you find it easy to repay, for example by automatic debit or in the app?'], ['我可以现在帮您设置到期自动还款，或者发送一条 App 还款的操作指引短信给您，您看哪种方便？', 'I can set up automatic repayment for you now, or text you a short guide to repaying in the app. Which would help?']),
		key('statement_clear', 'price', ['账单上的费用和利息是否清楚明白？', 'Are the fees and interest on your statement clear?'], ['您每月收到的账单，上面的各项费用和利息看得明白吗？', 'Are the fees and interest on your monthly statement easy to understand?'], ['抱歉没有说明清楚。我现在可以逐项为您解释；如有不应收取的费用，我们会核实后退还。', 'Sorry that was unclear. I can go through it item by item now; any charge that should not be there will be checked and refunded.']),
		key('benefits_known', 'service', ['您是否了解本卡的积分、优惠及合作商户权益？', 'Do you know the points, offers and partner benefits of your card?'], ['请问您清楚这张卡的积分、优惠活动和合作商户的权益吗？', 'Do you know about the points, offers and partner-merchant benefits on this card?'], ['我给您简单介绍一下主要权益，稍后再把完整的权益清单通过短信发给您。', 'Let me run through the main benefits briefly, and I will text you the full list afterwards.']),
		key('service_line_helpful', 'service', ['拨打客服热线时，问题是否得到及时解决？', 'When you called our service line, was your problem solved promptly?'], ['您之前打客服热线的时候，问题有没有及时解决？没打过的话也可以回答“是”。', 'When you called our service line, was your issue dealt with quickly?'], ['非常抱歉。请您说一下当时的问题，我会转给客服主管跟进，并在今天之内回电告诉您处理情况。', 'I am very sorry. Please tell me what the issue was; I will pass it to the service supervisor and call you back today with the outcome.'])
	]
});
