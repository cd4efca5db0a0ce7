import type { Template } from './template';

/** 4S dealer after-sales callback: attitude, repair quality and the price system (DOMAIN.md). */
export const carDealerAftersales: Template = {
	id: 'car-dealer-aftersales',
	industry: 'car_dealer',
	title: { 'zh-CN': '汽车4S店售后服务回访', en: 'Car dealer after-sales callback' },
	definition: {
		schemaVersion: 1,
		intro: {
			'zh-CN': '感谢您近期到{company.name}保养维修。以下几个问题只需一分钟，您的回答将帮助我们改进服务。',
			en: 'Thank you for your recent service visit to {company.name}. These few questions take a minute and help us improve.'
		},
		thanks: {
			'zh-CN': '感谢您的反馈！如您反映了问题，我们的服务经理会尽快与您联系。',
			en: 'Thank you for your feedback! If you reported a problem, our service manager will contact you soon.'
		},
		questions: [
			{
				id: 'received_promptly',
				kind: 'key',
				required: true,
				cause: 'service',
				text: {
					'zh-CN': '您到店后，服务顾问是否及时接待了您？',
					en: 'When you arrived, did a service advisor attend to you promptly?'
				},
				agentText: {
					'zh-CN': '请问您这次到店时，我们的服务顾问是否及时接待了您？',
					en: 'When you came in this time, did one of our service advisors attend to you promptly?'
				},
				preparedResponse: {
					'zh-CN': '非常抱歉让您久等了。我会把这个情况反馈给服务经理，并调整接待安排，下次您可以提前预约，我们会准时接待。',
					en: 'I am very sorry you had to wait. I will report this to the service manager so reception is arranged better; next time you can book ahead and we will be ready for you.'
				}
			},
			{
				id: 'charges_explained',
				kind: 'key',
				required: true,
				cause: 'price',
				text: {
					'zh-CN': '维修前是否向您说明了维修项目和收费明细？',
					en: 'Before the work, were the repair items and charges explained to you?'
				},
				agentText: {
					'zh-CN': '维修前，服务顾问是否向您说明了要做的项目和各项收费？',
					en: 'Before the work started, did the advisor explain what would be done and what each item would cost?'
				},
				preparedResponse: {
					'zh-CN': '抱歉没有向您解释清楚。我可以请服务顾问今天把收费明细逐项发给您并当面说明，如有不合理的收费我们会核实退还。',
					en: 'I am sorry this was not made clear. I can have the advisor send you the itemised charges today and go through them with you; anything charged wrongly will be checked and refunded.'
				}
			},
			{
				id: 'fixed_first_time',
				kind: 'key',
				required: true,
				cause: 'quality',
				text: {
					'zh-CN': '车辆的问题是否一次修复？',
					en: 'Was the problem with your car fixed the first time?'
				},
				agentText: {
					'zh-CN': '请问您车辆的问题这次是否已经一次修好了？',
					en: 'Was the problem with your car fully fixed on this visit?'
				},
				preparedResponse: {
					'zh-CN': '非常抱歉，{customer.name}。我马上为您登记返修，由技术主管优先安排检查，返修不收取工时费。请问您哪天方便到店？',
					en: 'I am very sorry. I will register a repeat repair right away; the workshop lead will inspect it first and there is no labour charge. Which day suits you to come in?'
				}
			},
			{
				id: 'delivered_on_time',
				kind: 'key',
				required: true,
				cause: 'supply',
				text: {
					'zh-CN': '车辆是否在约定的时间交车？',
					en: 'Was your car ready at the agreed time?'
				},
				agentText: {
					'zh-CN': '车辆是否按照约定的时间交到您手上？',
					en: 'Was the car handed back to you at the time we agreed?'
				},
				preparedResponse: {
					'zh-CN': '很抱歉耽误了您的时间。延误的原因我会请服务经理查明并向您说明；下次如遇配件或工位紧张，我们会提前通知您。',
					en: 'I am sorry for the lost time. I will ask the service manager to find out why it was late and tell you; next time, if parts or bays are short, we will let you know in advance.'
				}
			},
			{
				id: 'parts_in_stock',
				kind: 'key',
				required: true,
				cause: 'supply',
				text: {
					'zh-CN': '所需配件是否有现货，无需您额外等待？',
					en: 'Were the parts you needed in stock, with no extra wait?'
				},
				agentText: {
					'zh-CN': '这次需要更换的配件是否都有现货，没有让您额外等待？',
					en: 'Were all the parts needed this time in stock, without an extra wait for you?'
				},
				preparedResponse: {
					'zh-CN': '抱歉配件让您久等。我会记录缺货的配件，配件到店后第一时间电话通知您，并为您预留工位。',
					en: 'Sorry for the wait on parts. I will note which part was missing; we will call you as soon as it arrives and keep a bay free for you.'
				}
			},
			{
				id: 'staff_courteous',
				kind: 'key',
				required: true,
				cause: 'service',
				text: {
					'zh-CN': '服务人员的态度是否让您满意？',
					en: 'Were you satisfied with the attitude of our staff?'
				},
				agentText: {
					'zh-CN': '您对接待您的服务人员的态度满意吗？',
					en: 'Were you happy with how our staff treated you?'
				},
				preparedResponse: {
					'zh-CN': '非常抱歉让您有不好的体验。能否告诉我是哪个环节？我会如实反馈给服务经理处理，并在处理后给您回电。',
					en: 'I am very sorry about that experience. Could you tell me at which point it happened? I will pass it to the service manager and call you back once it is dealt with.'
				}
			},
			{
				id: 'overall_satisfaction',
				kind: 'rating',
				required: true,
				text: {
					'zh-CN': '总体而言，您对本次售后服务的满意程度如何？',
					en: 'Overall, how satisfied are you with this service visit?'
				}
			},
			{
				id: 'recommend',
				kind: 'nps',
				required: false,
				text: {
					'zh-CN': '您有多大可能向亲友推荐我们的售后服务？',
					en: 'How likely are you to recommend our after-sales service to friends or family?'
				}
			},
			{
				id: 'comment',
				kind: 'text',
				required: false,
				text: {
					'zh-CN': '您还有什么意见或建议吗？',
					en: 'Anything else you would like to tell us?'
				}
			}
		]
	}
};
