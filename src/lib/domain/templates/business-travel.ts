import { key, template } from './build';

/** Business travel management: service satisfaction, digital needs, proactive intervention, personal needs. */
export const businessTravel = template({
	id: 'business-travel',
	industry: 'business_travel',
	title: ['商旅管理服务回访', 'Business travel management callback'],
	intro: ['感谢贵公司使用我们的商旅服务。以下几个问题只需一分钟。', 'Thank you for using our business travel service. These questions take about a minute.'],
	subject: ['我们的商旅服务', 'our business travel service'],
	keys: [
		key('booking_fast', 'service', ['差旅预订是否快速完成，无需反复沟通？', 'Were travel bookings completed quickly, without back-and-forth?'], ['贵公司员工预订差旅的时候，是不是很快就办好了，不用来回沟通？', 'Were your staff able to book trips quickly, without a lot of back-and-forth?'], ['抱歉影响了出行效率。我会请专属客服梳理预订流程，并为常用行程设置快捷预订。', 'Sorry for the lost time. Your dedicated agent will review the booking flow and set up quick booking for frequent routes.']),
		key('policy_enforced', 'quality', ['系统是否准确执行了贵公司的差旅政策？', 'Did our system apply your travel policy correctly?'], ['我们的系统，有没有准确执行贵公司的差旅标准和审批规则？', 'Has our system applied your travel rules and approvals correctly?'], ['谢谢指出。请告诉我哪条规则没有生效，我们会在 2 个工作日内修正配置并与您确认。', 'Thank you. Tell me which rule did not apply; we will fix the set-up within 2 working days and confirm with you.']),
		key('disruption_handled', 'service', ['航班延误或取消时，我们是否主动联系并协助改签？', 'When a flight was delayed or cancelled, did we contact you and rebook proactively?'], ['遇到航班延误或取消，我们有没有主动联系出行人，帮忙改签？', 'When flights were disrupted, did we reach out to travellers and rebook them?'], ['非常抱歉没有做到主动服务。我会把贵公司列入重点保障名单，异常情况由值班主管主动跟进。', 'I am very sorry we were not proactive. I will put your company on our priority list so the duty supervisor follows up on disruptions.']),
		key('invoices_correct', 'price', ['发票和对账单是否准确、及时？', 'Are invoices and statements accurate and on time?'], ['我们开的发票和月度对账单，准确及时吗？', 'Are our invoices and monthly statements accurate and on time?'], ['抱歉给财务带来麻烦。我会核对有误的单据并在 3 个工作日内重开，之后每月对账前先与您确认。', 'Sorry for the trouble for your finance team. I will correct the documents within 3 working days and confirm each statement with you before issuing it.']),
		key('app_meets_needs', 'quality', ['移动端和线上平台是否满足贵公司的使用需求？', 'Do our app and online platform meet your needs?'], ['我们的 App 和线上平台，能满足贵公司员工的使用需要吗？', 'Does our app and web platform do what your staff need?'], ['谢谢反馈。请说一下缺少哪些功能，我会转给产品团队评估，并告诉您排期。', 'Thank you. Tell me what is missing; the product team will assess it and I will tell you when to expect it.']),
		key('savings_visible', 'price', ['您是否能清楚看到差旅费用的节省情况？', 'Can you see clearly how much you save on travel?'], ['贵公司能清楚看到差旅费用节省了多少吗？', 'Can you see clearly how much your travel costs have come down?'], ['我可以请客户经理每季度为您提供差旅费用分析报告，第一份在本月内发送。', 'Your account manager can send you a quarterly travel spend report, the first one this month.'])
	]
});
