import { key, template } from './build';

/** Telecom equipment: ease of operation, product fit, special needs, value-added services. */
export const telecomEquipment = template({
	id: 'telecom-equipment',
	industry: 'telecom_equipment',
	title: ['通信设备用户回访', 'Telecom equipment customer callback'],
	intro: ['感谢您使用我们的设备。以下几个问题只需一分钟。', 'Thank you for using our equipment. These questions take about a minute.'],
	subject: ['我们的设备和服务', 'our equipment and service'],
	keys: [
		key('easy_to_operate', 'quality', ['设备的操作和配置是否简单易用？', 'Is the equipment easy to operate and configure?'], ['您觉得这台设备操作和配置起来简单吗？', 'Do you find the equipment easy to set up and use?'], ['抱歉给您带来困扰。我可以安排技术工程师远程指导您完成配置，并把图文操作指引发给您。', 'Sorry for the trouble. I can have an engineer guide you remotely and send you an illustrated guide.']),
		key('fits_needs', 'quality', ['设备的性能是否满足您的业务需要？', 'Does the equipment perform well enough for your needs?'], ['设备的性能能满足您的使用需要吗？', 'Does the equipment do what you need it to do?'], ['谢谢反馈。请告诉我哪方面不够用，我会请方案工程师评估升级或更换方案，并在 3 个工作日内答复您。', 'Thank you. Tell me where it falls short and a solutions engineer will assess an upgrade or replacement and reply within 3 working days.']),
		key('delivered_complete', 'supply', ['设备及配件是否按时、完整交付？', 'Were the equipment and accessories delivered on time and complete?'], ['设备和配件是按时送到、而且齐全的吗？', 'Did everything arrive on time and complete?'], ['抱歉。请告诉我缺少的配件，我们会优先补发，并把物流单号发给您。', 'Sorry. Tell me what is missing and we will send it first, with the tracking number.']),
		key('stable_running', 'quality', ['设备投入使用后运行是否稳定？', 'Has the equipment run reliably since installation?'], ['设备用起来以后，运行稳定吗？有没有死机或者掉线？', 'Has it been running reliably, without freezing or dropping out?'], ['非常抱歉。我会立即创建故障工单，工程师 4 小时内联系您；在保修期内的维修和更换不收费。', 'I am very sorry. I will open a fault ticket now; an engineer will contact you within 4 hours, and repairs under warranty are free.']),
		key('support_responsive', 'service', ['技术支持的响应是否及时、专业？', 'Has technical support been prompt and competent?'], ['您找技术支持的时候，他们响应及时、解决问题专业吗？', 'When you contacted support, were they quick and capable?'], ['抱歉。我会把您的情况反馈给技术支持主管，并为您登记一位专属工程师负责后续服务。', 'Sorry. I will report this to the support lead and assign you a named engineer for follow-up.']),
		key('price_reasonable', 'price', ['设备及服务的价格是否合理？', 'Are the equipment and service reasonably priced?'], ['您觉得设备和服务的价格合理吗？', 'Do you think the price of the equipment and service is fair?'], ['谢谢告诉我们。我会请客户经理和您沟通，看看维保套餐或批量采购能否为您节省费用。', 'Thank you. I will ask your account manager to see whether a maintenance plan or volume pricing can save you money.'])
	]
});
