import { key, template } from './build';

/**
 * Insurance, new-policy callback (新契约回访): the checks regulators expect after a
 * sale, which also reveal service and product problems. The same questions serve
 * callbacks on policies of departed agents, lapsed policies and paid claims.
 */
export const insurance = template({
	id: 'insurance',
	industry: 'insurance',
	title: ['保险新契约回访', 'Insurance new-policy callback'],
	intro: ['感谢您投保。为保障您的权益，请花一分钟确认以下信息。', 'Thank you for taking out a policy. To protect your rights, please take a minute to confirm the following.'],
	subject: ['我们的保险服务', 'our insurance service'],
	keys: [
		key('signed_in_person', 'service', ['投保单和相关文件是否由您本人签名？', 'Did you sign the application and documents yourself?'], ['请问投保单和相关文件上的签名，是您本人亲笔签的吗？', 'Were the application form and documents signed by you personally?'], ['感谢告知，这一点很重要。我会登记并安排复核，在核实前保单权益不受影响，核实结果 3 个工作日内通知您。', 'Thank you, this matters. I will register it for review; your cover is not affected meanwhile, and we will tell you the result within 3 working days.']),
		key('coverage_explained', 'quality', ['保险责任和免责条款是否已向您说明清楚？', 'Were the cover and the exclusions explained to you clearly?'], ['业务员有没有把这份保单保什么、哪些情况不赔，给您讲清楚？', 'Did the agent explain clearly what the policy covers and what it does not?'], ['抱歉没有讲清楚。我现在可以为您说明主要保障和免责条款，也会请服务专员上门或电话再详细解释。', 'Sorry that was unclear. I can explain the main cover and exclusions now, and a service specialist will go through it again with you.']),
		key('cooling_off_known', 'service', ['您是否知道本保单有犹豫期，期内退保可全额退费？', 'Do you know this policy has a cooling-off period with a full refund?'], ['您知道这份保单有犹豫期吗？在犹豫期内退保，保费可以全额退还。', 'Did you know the policy has a cooling-off period in which you can cancel for a full refund?'], ['我为您说明一下：犹豫期从您签收保单之日起计算，期内退保扣除工本费后全额退还，您可以通过客服热线或 App 办理。', 'Here is how it works: it starts on the day you receive the policy; cancelling within it refunds everything but a small fee, by phone or in the app.']),
		key('premium_clear', 'price', ['缴费金额、缴费期限和方式是否清楚？', 'Are the premium, payment term and method clear to you?'], ['每年交多少钱、要交几年、怎么交，这些您都清楚吗？', 'Do you know how much you pay, for how many years, and how?'], ['我现在跟您确认一下：保费金额、缴费年限和扣款账户，稍后也会把缴费计划短信发给您。', 'Let me confirm the premium, the payment years and the debit account now, and text you the payment schedule.']),
		key('documents_received', 'supply', ['您是否已收到保单合同及相关资料？', 'Have you received your policy contract and documents?'], ['保单合同和相关资料，您收到了吗？', 'Have you received the policy contract and papers?'], ['抱歉还没送到。我会查询寄送进度，并先把电子保单发送到您的手机，纸质保单 5 个工作日内补寄。', 'Sorry it has not arrived. I will track the delivery, send you the electronic policy now, and re-send the paper copy within 5 working days.']),
		key('agent_helpful', 'service', ['为您服务的业务员是否专业、热情？', 'Was the agent who served you professional and helpful?'], ['为您办理的业务员，您觉得专业、热情吗？', 'Did you find the agent professional and helpful?'], ['感谢反馈。我会把情况如实转给营业部主管处理；如需要，我们可以为您更换服务人员。', 'Thank you. I will pass this to the branch supervisor; if you wish, we can assign you a different agent.'])
	]
});
