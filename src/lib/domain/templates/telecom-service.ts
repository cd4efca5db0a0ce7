import { key, template } from './build';

/** Telecom service: timeliness, satisfaction, special services, competitor information, value-added services. */
export const telecomService = template({
	id: 'telecom-service',
	industry: 'telecom_service',
	title: ['通信服务回访', 'Telecom service callback'],
	intro: ['感谢您选择我们的通信服务。以下几个问题只需一分钟。', 'Thank you for choosing our telecom service. These questions take about a minute.'],
	subject: ['我们的通信服务', 'our telecom service'],
	keys: [
		key('installed_on_time', 'supply', ['业务开通或装机是否在约定时间内完成？', 'Was your service set up or installed at the agreed time?'], ['您这次办的业务或装机，是在约好的时间内完成的吗？', 'Was your service activated or installed when we said it would be?'], ['抱歉耽误了您的时间。我会查明延误原因，并请装维主管今天和您确认最终完成时间。', 'Sorry for the delay. I will find out why and have the installation supervisor confirm a completion time with you today.']),
		key('signal_good', 'quality', ['您常用地点的信号和网速是否稳定？', 'Are signal and speed stable where you usually are?'], ['在您家里和常去的地方，信号和网速稳定吗？', 'Is the signal and speed steady at home and where you usually go?'], ['抱歉。请告诉我具体地址，我会提交网络优化工单，工程师 48 小时内联系您测试。', 'Sorry. Tell me the address and I will open a network ticket; an engineer will contact you within 48 hours to test it.']),
		key('bill_as_agreed', 'price', ['每月账单金额是否与办理时说明的一致？', 'Does your monthly bill match what you were told when you signed up?'], ['您每个月的话费，和办理时给您讲的一样吗？', 'Is your monthly bill what we told you it would be?'], ['抱歉出现差异。我现在帮您核对账单明细，多扣的费用会在下期账单退还，并短信告知您。', 'Sorry for the difference. I will check the bill items now; anything overcharged will be refunded on the next bill and confirmed by text.']),
		key('fault_fixed_fast', 'service', ['报修的故障是否在 24 小时内修复？', 'Was any fault you reported fixed within 24 hours?'], ['您之前报修的故障，是在 24 小时内修好的吗？没有报修过的话请回答“是”。', 'If you reported a fault, was it fixed within 24 hours?'], ['非常抱歉。我会把您的工单升级为加急，并请维修主管今天内联系您。', 'I am very sorry. I will escalate your ticket to urgent and have the repair supervisor call you today.']),
		key('no_unwanted_services', 'price', ['您的号码是否没有开通您不需要的增值业务？', 'Is your number free of add-on services you did not want?'], ['您的号码上，有没有开通了您不需要的增值业务？没有的话请回答“是”。', 'Has anything been added to your number that you did not ask for? If not, please say yes.'], ['抱歉。我现在帮您查询并退订不需要的业务，相关费用核实后退还。', 'Sorry. I will find and cancel those services now, and refund the charges once checked.']),
		key('would_stay', 'other', ['与其他运营商相比，您是否愿意继续使用我们的服务？', 'Compared with other operators, would you keep using our service?'], ['跟其他运营商比，您还愿意继续用我们的服务吗？', 'Compared with other carriers, would you stay with us?'], ['谢谢您告诉我们。方便说说其他运营商吸引您的地方吗？我会请客户经理为您看看有没有更合适的套餐。', 'Thank you. What attracts you elsewhere? I will ask an account manager to look for a plan that suits you better.'])
	]
});
