import { key, template } from './build';

/** Durable goods: purchase decision, value for money, after-sales completeness, loyalty. */
export const durableGoods = template({
	id: 'durable-goods',
	industry: 'durable_goods',
	title: ['耐用消费品售后回访', 'Home appliance after-sales callback'],
	intro: ['感谢您选购我们的产品。使用一段时间后，想听听您的感受。', 'Thank you for buying our product. Now that you have used it for a while, we would like to hear how it is going.'],
	subject: ['我们的产品和售后服务', 'our product and after-sales service'],
	keys: [
		key('delivered_installed', 'supply', ['产品是否按约定时间送货并安装完成？', 'Was the product delivered and installed at the agreed time?'], ['产品是按约好的时间送到、装好的吗？', 'Was it delivered and installed when we agreed?'], ['抱歉耽误了您的时间。我会查明延误原因，并为您申请延误补偿。', 'Sorry for the delay. I will find out why and request compensation for you.']),
		key('works_well', 'quality', ['产品使用至今是否运行正常？', 'Has the product worked properly so far?'], ['这段时间用下来，产品运行都正常吗？', 'Has it been working properly since you got it?'], ['非常抱歉。我现在为您登记报修，师傅 24 小时内联系您上门，保修期内免费维修。', 'I am very sorry. I will book a repair now; a technician will call within 24 hours, and repairs under warranty are free.']),
		key('installer_professional', 'service', ['安装师傅是否专业、守时、清理了现场？', 'Was the installer professional, on time and tidy?'], ['上门安装的师傅专业吗？准时吗？走之前有没有清理现场？', 'Was the installer skilled and punctual, and did they clean up afterwards?'], ['非常抱歉。我会把情况反馈给服务网点处理，如有额外收费会核实退还。', 'I am very sorry. I will report it to the service centre; any extra charges will be checked and refunded.']),
		key('no_extra_charges', 'price', ['安装和售后是否没有额外收费？', 'Were installation and after-sales free of unexpected charges?'], ['安装和售后服务，有没有收您额外的费用？没有的话请回答“是”。', 'Were you charged anything extra for installation or service? If not, please say yes.'], ['抱歉。请告诉我收费的项目和金额，我们核实收费标准后，不合规的费用全额退还。', 'Sorry. Tell me what you were charged for; once checked against our tariff, anything improper is refunded in full.']),
		key('value_for_money', 'price', ['您觉得这款产品物有所值吗？', 'Do you think the product is good value for money?'], ['您觉得这个产品的价格物有所值吗？', 'Is the product worth what you paid?'], ['谢谢您的坦诚。我会把意见反馈给产品部门；您也可以关注会员活动，享受延保等权益。', 'Thank you for being frank. I will pass it on; member offers such as extended warranty may also interest you.']),
		key('choose_brand_again', 'other', ['下次购买同类产品时，您还会选择我们的品牌吗？', 'Would you choose our brand again for a similar product?'], ['下次再买这类产品，您还会选我们的牌子吗？', 'Would you pick our brand again next time?'], ['谢谢告诉我们。方便说一下主要原因吗？这对我们改进很重要。', 'Thank you. Could you tell me the main reason? It matters for how we improve.'])
	]
});
