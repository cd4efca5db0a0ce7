import { key, template } from './build';

/**
 * Government procurement follow-up (政府采购回访): supplier delivery and contract
 * performance, integrity, response and after-sales, acceptance and use, payment,
 * fairness of the tender and conduct of the evaluation panel.
 */
export const governmentProcurement = template({
	id: 'government-procurement',
	industry: 'government_procurement',
	title: ['政府采购项目回访', 'Government procurement follow-up'],
	intro: ['为了解采购项目的执行情况、规范采购行为，请您花一分钟回答以下问题。', 'To follow how this procurement was carried out and keep procurement fair, please take a minute to answer these questions.'],
	subject: ['本次采购服务', 'this procurement service'],
	keys: [
		key('delivered_per_contract', 'supply', ['供应商是否按合同约定的时间、数量和质量交付？', 'Did the supplier deliver on time, in the quantity and quality the contract set?'], ['请问供应商是按合同约定的时间、数量和质量交货的吗？', 'Did the supplier deliver what the contract required, when it required?'], ['感谢如实反映。我们会将情况记入供应商履约档案，并督促供应商限期整改，整改结果书面告知贵单位。', 'Thank you for reporting it. We will record it in the supplier\'s performance file and require a fix by a deadline; you will be told the outcome in writing.']),
		key('procurement_clean', 'other', ['采购全过程是否廉洁，未收到供应商的回扣、礼品等任何好处？', 'Was the whole procurement clean, with no kickbacks, gifts or other favours from the supplier?'], ['请问整个采购过程是否廉洁，供应商没有给过任何回扣、礼品或其他好处？', 'Was the procurement clean throughout, with no kickbacks, gifts or favours from the supplier?'], ['感谢您的信任，这一情况我们会严格保密并移交纪检监察部门核查，核查期间不会影响贵单位的正常工作。', 'Thank you for trusting us. This will be kept confidential and passed to the discipline inspection office; it will not disrupt your work.']),
		key('after_sales_responsive', 'service', ['供应商的售后服务响应是否及时？', 'Has the supplier responded promptly with after-sales service?'], ['设备或服务出问题时，供应商响应及时吗？没出过问题请回答“是”。', 'When something went wrong, did the supplier respond quickly?'], ['我们会将此记录在案，要求供应商在规定时限内响应并给出处理方案，并由专人跟踪落实。', 'We will record it, require the supplier to respond and propose a fix within the set time, and assign someone to follow it through.']),
		key('accepted_and_used', 'quality', ['货物或服务是否通过验收并正常投入使用？', 'Were the goods or services accepted and put into normal use?'], ['这次采购的货物或服务，验收通过了吗？现在正常使用吗？', 'Did the goods or services pass acceptance, and are they in normal use?'], ['感谢反馈。请说明未通过或未使用的原因，我们将组织供应商和专家复核，并督促整改。', 'Thank you. Please tell us why; we will have the supplier and experts review it and require corrections.']),
		key('paid_per_contract', 'price', ['采购资金是否按合同约定及时支付？', 'Was payment made on time as the contract set?'], ['贵单位是否按合同约定的时间向供应商付款？', 'Has payment to the supplier been made as the contract set out?'], ['谢谢说明。我们会了解延迟付款的原因，并按规定督促办理，避免影响供应商履约。', 'Thank you. We will find out why it was delayed and press for payment as the rules require, so the supplier can keep performing.']),
		key('tender_fair', 'other', ['招标过程是否公开、公平、公正？', 'Was the tender open, fair and impartial?'], ['您认为这次招标过程公开、公平、公正吗？', 'Do you consider the tender to have been open, fair and impartial?'], ['感谢您的意见。请说明您认为不规范的环节，我们将依法核查并书面回复贵单位。', 'Thank you. Please tell us which step you found irregular; we will check it under the law and reply in writing.']),
		key('panel_conduct_proper', 'other', ['评标专家是否客观公正、遵守评标纪律？', 'Did the evaluation panel act objectively and follow the rules?'], ['评标的专家们，评审过程客观公正、遵守纪律吗？', 'Did the evaluation experts act objectively and within the rules?'], ['感谢反映。我们会将情况提交专家管理部门核查，核实后按规定处理。', 'Thank you. We will refer it to the body that manages the expert panel; confirmed misconduct will be dealt with under the rules.'])
	]
});
