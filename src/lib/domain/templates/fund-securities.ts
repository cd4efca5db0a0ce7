import { key, template } from './build';

/** Fund / securities: grasp of market moves, trading help, timely information, competitor information. */
export const fundSecurities = template({
	id: 'fund-securities',
	industry: 'fund_securities',
	title: ['基金证券客户回访', 'Fund and securities client callback'],
	intro: ['感谢您对我们的信任。以下几个问题只需一分钟，帮助我们更好地服务您的投资。', 'Thank you for your trust. These questions take a minute and help us serve your investments better.'],
	subject: ['我们的投资服务', 'our investment service'],
	keys: [
		key('market_updates_timely', 'service', ['您是否及时收到市场行情和持仓相关的提示？', 'Do you receive market and holdings alerts in good time?'], ['市场出现较大波动时，您有没有及时收到我们的行情提示和持仓提醒？', 'When the market moves sharply, do you get our alerts about it and your holdings in time?'], ['抱歉提醒不够及时。我现在帮您检查一下通知设置，并请您的客户经理在行情波动时主动联系您。', 'Sorry the alerts were late. I will check your notification settings now and ask your account manager to call you when the market moves.']),
		key('trading_help_useful', 'service', ['需要交易协助时，是否得到了及时有效的帮助？', 'When you needed help with a trade, did you get it promptly?'], ['您在下单、转账或者交易遇到问题时，有没有及时得到我们的帮助？', 'When you had trouble placing an order or moving money, did we help you quickly?'], ['非常抱歉。请告诉我当时的情况，我会交给交易服务组复核，并在今天内给您回复处理结果。', 'I am very sorry. Please tell me what happened; the trading support team will review it and I will call you back today.']),
		key('risks_explained', 'quality', ['购买产品时，产品风险是否向您充分说明？', 'When you bought a product, were its risks fully explained?'], ['您买的产品，当时有没有把风险等级和可能的损失讲清楚？', 'When you bought the product, were its risk level and possible losses explained clearly?'], ['谢谢您如实告诉我们。我会请客户经理重新为您讲解产品风险，并做一次风险承受能力复核。', 'Thank you for being frank. I will have your account manager explain the product risks again and review your risk profile with you.']),
		key('fees_transparent', 'price', ['申购、赎回和管理费用是否清楚透明？', 'Are subscription, redemption and management fees clear to you?'], ['申购、赎回和管理这些费用，您清楚每项收多少吗？', 'Do you know what we charge for buying, selling and managing your funds?'], ['我现在为您逐项说明费率，稍后把费率表发到您的手机；如发现多收，我们会核实并退还。', 'I will go through each rate now and text you the fee schedule; anything overcharged will be checked and refunded.']),
		key('reports_understandable', 'quality', ['对账单和投资报告是否清晰易懂？', 'Are your statements and investment reports easy to understand?'], ['我们寄给您的对账单和投资报告，看得明白吗？', 'Can you follow the statements and reports we send you?'], ['抱歉。我会把您的意见反馈给报告设计团队，也可以请客户经理带您看一遍报告的重点。', 'Sorry. I will pass this to the reporting team, and your account manager can walk you through the key parts.']),
		key('prefer_us', 'other', ['与其他机构相比，您是否更愿意继续在我们这里投资？', 'Compared with other firms, would you rather keep investing with us?'], ['如果跟其他券商或基金公司比较，您还是更愿意在我们这里投资吗？', 'Compared with other brokers or fund companies, would you rather stay with us?'], ['谢谢您坦诚相告。方便说一下其他机构哪些方面做得更好吗？我会记录下来，请客户经理跟您进一步沟通。', 'Thank you for being honest. What do others do better? I will note it and ask your account manager to discuss it with you.'])
	]
});
