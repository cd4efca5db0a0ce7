import { key, template } from './build';

/** Electronics: personal needs, brand loyalty, solution research, promotion level. */
export const electronics = template({
	id: 'electronics',
	industry: 'electronics',
	title: ['电子产品购买回访', 'Electronics purchase callback'],
	intro: ['感谢您购买我们的产品。以下几个问题只需一分钟。', 'Thank you for buying our product. These questions take about a minute.'],
	subject: ['我们的产品', 'our product'],
	keys: [
		key('meets_needs', 'quality', ['产品的功能是否满足您的使用需要？', 'Does the product do what you need?'], ['这款产品的功能，能满足您平时的使用需要吗？', 'Does the product do everything you need it to?'], ['谢谢反馈。请说一下缺少的功能，我帮您看看是否有设置方法或配件可以解决，也会转给产品团队。', 'Thank you. Tell me what is missing; I will check whether a setting or accessory helps, and pass it to the product team.']),
		key('setup_easy', 'quality', ['首次设置和使用是否顺利？', 'Was setting it up for the first time straightforward?'], ['第一次设置和上手使用，顺利吗？', 'Was it easy to set up and start using?'], ['抱歉。我可以现在一步步指导您完成设置，也可以把视频教程链接发给您。', 'Sorry. I can walk you through it step by step now, or text you a video guide.']),
		key('arrived_on_time', 'supply', ['产品是否按承诺时间送达且配件齐全？', 'Did it arrive on time, with all accessories?'], ['产品是按时送到的吗？配件齐全吗？', 'Did it arrive when promised, with everything in the box?'], ['抱歉。缺少的配件我们会优先补发，延误情况我会查明原因后答复您。', 'Sorry. Missing accessories will be sent first, and I will find out why it was late.']),
		key('promotion_clear', 'price', ['购买时的优惠和赠品是否都已兑现？', 'Did you receive every discount and gift promised at purchase?'], ['买的时候说好的优惠和赠品，都给您了吗？', 'Did you get all the discounts and gifts you were promised?'], ['抱歉。请提供订单号，我核实后为您补发赠品或退还差价。', 'Sorry. Give me the order number and once checked we will send the gift or refund the difference.']),
		key('support_helpful', 'service', ['咨询客服或售后时，问题是否得到解决？', 'When you contacted support, was your question resolved?'], ['您联系客服或者售后的时候，问题解决了吗？没联系过的话请回答“是”。', 'If you contacted support, did they sort it out?'], ['非常抱歉。请说一下当时的问题，我会升级给高级技术支持，今天内给您回复。', 'I am very sorry. Tell me the issue and I will escalate it to senior support, with a reply today.']),
		key('loyal_to_brand', 'other', ['换购新设备时，您是否会继续选择我们的品牌？', 'When you replace a device, will you stay with our brand?'], ['以后换新设备，您还会继续选择我们的品牌吗？', 'Next time you upgrade, would you stick with our brand?'], ['谢谢您告诉我们。方便说一下您在考虑的其他品牌和原因吗？', 'Thank you. Which other brands are you considering, and why?'])
	]
});
