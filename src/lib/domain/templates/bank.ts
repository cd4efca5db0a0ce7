import { key, template } from './build';

/** Bank: timeliness, satisfaction, range of services, special and value-added services. */
export const bank = template({
	id: 'bank',
	industry: 'bank',
	title: ['银行网点服务回访', 'Bank branch service callback'],
	intro: ['感谢您近期到我行办理业务。以下几个问题只需一分钟。', 'Thank you for your recent visit to our branch. These questions take about a minute.'],
	subject: ['我行的服务', 'our banking service'],
	keys: [
		key('short_wait', 'service', ['您在网点的等候时间是否在 15 分钟以内？', 'Did you wait less than 15 minutes at the branch?'], ['您这次到网点办理业务，排队等候有没有超过 15 分钟？没超过请回答“是”。', 'On this visit, was your wait at the branch under 15 minutes?'], ['让您久等了，非常抱歉。下次您可以通过手机银行预约取号，到店即可办理；我也会把高峰时段排队的情况反馈给网点负责人。', 'I am sorry you had to wait. Next time you can book a ticket in the mobile app and be served on arrival; I will also report the peak-time queue to the branch manager.']),
		key('done_in_one_visit', 'service', ['您的业务是否一次办结，无需再次跑网点？', 'Was your business completed in one visit, with no need to come back?'], ['这次的业务是不是一次就办好了，不用再跑一趟？', 'Was everything done in one visit, without you having to come back?'], ['抱歉让您多跑了一趟。请告诉我还差哪一步，我请网点客户经理直接联系您，能线上办理的我们帮您线上办。', 'Sorry for the extra trip. Tell me what is still missing and the branch relationship manager will contact you; whatever can be done online, we will do online.']),
		key('fees_explained', 'price', ['办理业务时，相关手续费是否向您说明清楚？', 'Were any fees explained to you clearly?'], ['办理的时候，工作人员有没有把相关的手续费跟您讲清楚？', 'Did the staff explain any fees clearly when you did your business?'], ['抱歉没有事先说明。我会核对这笔手续费是否符合收费标准，如有误收会退还给您，并在 2 个工作日内回复。', 'Sorry it was not explained. I will check the fee against our tariff; anything charged wrongly will be refunded, and I will get back to you within 2 working days.']),
		key('product_fits', 'quality', ['工作人员推荐的产品是否符合您的需要和风险承受能力？', 'Did the products recommended fit your needs and risk tolerance?'], ['工作人员给您推荐的产品，您觉得适合自己的需要和风险承受能力吗？', 'Did the products our staff recommended suit your needs and the risk you are comfortable with?'], ['谢谢您告诉我们。我会请理财经理重新和您沟通需求，不适合的产品您可以在规定期限内申请撤销。', 'Thank you for telling us. I will ask the wealth manager to go through your needs again; unsuitable products can be cancelled within the allowed period.']),
		key('staff_courteous', 'service', ['工作人员的服务态度是否让您满意？', 'Were you satisfied with the attitude of our staff?'], ['您对接待您的工作人员的态度满意吗？', 'Were you happy with how our staff treated you?'], ['非常抱歉让您有不好的感受。能否告诉我是哪个窗口或哪个环节？我会如实反馈给网点负责人处理，并给您回电。', 'I am very sorry. Could you tell me which counter or which step? I will report it to the branch manager and call you back.']),
		key('mobile_banking_works', 'quality', ['手机银行等线上渠道使用起来是否顺畅？', 'Does mobile banking work smoothly for you?'], ['您平时用手机银行办业务，顺畅吗？没用过的话可以回答“是”。', 'Does our mobile banking app work smoothly for you?'], ['抱歉。请告诉我遇到的问题，我会提交给技术部门，修复后短信通知您；需要的话也可以安排工作人员指导您使用。', 'Sorry about that. Tell me the problem and I will send it to our technical team, and text you when it is fixed; we can also have someone walk you through the app.'])
	]
});
