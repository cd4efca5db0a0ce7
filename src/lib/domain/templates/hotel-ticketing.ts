import { key, template } from './build';

/** Hotel & ticketing: accuracy of information, service satisfaction, personal needs, business-travel integration. */
export const hotelTicketing = template({
	id: 'hotel-ticketing',
	industry: 'hotel_ticketing',
	title: ['酒店及票务预订回访', 'Hotel and ticket booking callback'],
	intro: ['感谢您通过我们预订。以下几个问题只需一分钟。', 'Thank you for booking with us. These questions take about a minute.'],
	subject: ['我们的预订服务', 'our booking service'],
	keys: [
		key('info_accurate', 'quality', ['预订时提供的酒店/航班信息是否与实际一致？', 'Did the hotel or flight match the information given when you booked?'], ['您入住的酒店或乘坐的航班，和预订时给您的信息一致吗？', 'Did the hotel or flight match what we told you when you booked?'], ['非常抱歉信息有误。请告诉我哪里不一致，我们核实后会按规定给予补偿，并更正信息。', 'I am very sorry. Tell me what differed; once checked we will compensate you as our policy provides and correct the listing.']),
		key('booking_confirmed', 'supply', ['到店或值机时，您的预订是否顺利确认？', 'Was your booking found without trouble at check-in?'], ['您到酒店或者值机的时候，预订顺利查到了吗？', 'At check-in, was your booking there without any problem?'], ['抱歉让您遇到麻烦。我会查明原因并给您答复；因我们原因产生的额外费用将全额承担。', 'Sorry for the trouble. I will find out why; any extra cost caused by us will be covered in full.']),
		key('price_as_quoted', 'price', ['最终支付的价格是否与预订时报价一致？', 'Did you pay the price you were quoted?'], ['您最后实际付的钱，和预订时的报价一样吗？', 'Was the final amount what we quoted?'], ['抱歉。我现在核对订单，差额确认后 3 个工作日内原路退还。', 'Sorry. I will check the order now; any difference will be refunded to your original payment within 3 working days.']),
		key('requests_met', 'service', ['您的特殊需求（如房型、座位、早餐）是否得到满足？', 'Were your special requests (room type, seat, breakfast) met?'], ['您提的特别要求，比如房型、座位或早餐，都安排好了吗？', 'Were your special requests, like the room, seat or breakfast, taken care of?'], ['抱歉没有安排好。我会把您的偏好记入档案，下次预订时优先满足，并为这次的不便提供补偿。', 'Sorry that was missed. I will save your preferences for next time and offer something for this inconvenience.']),
		key('changes_easy', 'service', ['需要改签或退订时，办理是否方便快捷？', 'When you needed to change or cancel, was it quick and easy?'], ['如果您改签或者退订过，办起来方便快吗？没有的话请回答“是”。', 'If you changed or cancelled, was it quick and easy?'], ['抱歉让您费心了。请说一下遇到的困难，我会反馈给客服主管，改进改退流程。', 'Sorry for the hassle. Tell me what was hard and I will pass it to the service supervisor to improve the process.']),
		key('travel_policy_fit', 'other', ['预订是否符合您所在公司的差旅标准和报销要求？', 'Did the booking fit your company travel policy and expense rules?'], ['这次预订，符合您公司的差旅标准和报销要求吗？私人出行请回答“是”。', 'Did the booking meet your company travel and expense rules? For private trips, say yes.'], ['谢谢告知。我们可以为您的公司设置差旅标准和统一开票，我请企业客户经理联系您。', 'Thank you. We can set up your company policy and consolidated invoicing; a corporate account manager will call you.'])
	]
});
