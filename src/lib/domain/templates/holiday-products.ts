import { key, template } from './build';

/** Holiday products: comfort of the trip, personal needs, competitor information, referrals. */
export const holidayProducts = template({
	id: 'holiday-products',
	industry: 'holiday_products',
	title: ['度假旅游产品回访', 'Holiday trip callback'],
	intro: ['欢迎旅行归来！以下几个问题只需一分钟。', 'Welcome back from your trip! These questions take about a minute.'],
	subject: ['这次的旅行', 'this trip'],
	keys: [
		key('itinerary_as_promised', 'quality', ['行程安排是否与合同约定一致？', 'Did the itinerary match what your contract promised?'], ['这次的行程，跟合同上写的一样吗？有没有减少景点或者改变安排？', 'Did the trip follow the contract, with no sights dropped or plans changed?'], ['非常抱歉。请告诉我哪些安排有变化，我们核实后按合同约定给予退赔。', 'I am very sorry. Tell me what changed; once checked we will refund as the contract provides.']),
		key('hotel_comfortable', 'quality', ['住宿和交通是否舒适，符合产品描述？', 'Were accommodation and transport comfortable and as described?'], ['住的酒店和坐的车，舒适吗？和产品介绍的一样吗？', 'Were the hotels and transport comfortable and as advertised?'], ['抱歉让您住得不舒服。我会把情况反馈给产品经理核查供应商，并为您申请补偿。', 'Sorry for the discomfort. I will ask the product manager to check the supplier and request compensation for you.']),
		key('guide_helpful', 'service', ['导游或领队是否尽职、热情？', 'Was your guide or tour leader attentive and friendly?'], ['带团的导游或者领队，您觉得尽职热情吗？', 'Was the guide attentive and friendly?'], ['非常抱歉。能否说一下具体情况？我会转交质检部门调查处理，并把结果告诉您。', 'I am very sorry. Could you tell me what happened? Our quality team will investigate and tell you the outcome.']),
		key('no_forced_shopping', 'service', ['行程中是否没有强制购物或额外收费？', 'Was the trip free of forced shopping and surprise charges?'], ['行程当中，有没有被强制购物或者额外收费？没有的话请回答“是”。', 'Were you made to shop or pay extra along the way? If not, please say yes.'], ['这是我们明令禁止的，非常抱歉。请告诉我时间地点，我们会严肃处理，并退还不合理收费。', 'That is strictly forbidden; I am very sorry. Tell me when and where, we will deal with it firmly and refund improper charges.']),
		key('price_worth_it', 'price', ['您觉得这次旅行物有所值吗？', 'Was the trip good value for money?'], ['整体来说，您觉得这次旅行的价格物有所值吗？', 'Overall, was the trip worth what you paid?'], ['谢谢您的坦诚。我会把意见反馈给产品团队；下次出行我们可以为您推荐更合适的线路。', 'Thank you for being frank. I will pass this to the product team, and next time we can suggest a better-suited trip.']),
		key('would_book_again', 'other', ['下次出游，您是否还会选择我们？', 'Would you book with us again for your next trip?'], ['下次再出去玩，您还会选我们吗？', 'Would you travel with us again?'], ['谢谢告诉我们。方便说一下您更倾向哪家，以及原因吗？这对我们改进很有帮助。', 'Thank you. Which company would you choose instead, and why? It really helps us improve.'])
	]
});
