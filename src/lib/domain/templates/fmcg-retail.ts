import { key, template } from './build';

/** FMCG retail: brand loyalty, product look, promotion level, personal needs. */
export const fmcgRetail = template({
	id: 'fmcg-retail',
	industry: 'fmcg_retail',
	title: ['快消零售购物回访', 'Retail purchase callback'],
	intro: ['感谢您的购买！以下几个问题只需一分钟。', 'Thank you for your purchase! These questions take about a minute.'],
	subject: ['我们的产品和门店服务', 'our products and store service'],
	keys: [
		key('product_fresh', 'quality', ['您购买的商品是否新鲜、在保质期内且包装完好？', 'Were your goods fresh, in date and well packed?'], ['您买到的商品新鲜吗？都在保质期内、包装完好吗？', 'Was everything fresh, in date and undamaged?'], ['非常抱歉。您可以凭小票到任一门店退换，或者我现在为您登记上门退换，并补偿一张优惠券。', 'I am very sorry. You can return it at any store with the receipt, or I can book a collection now and add a voucher for the trouble.']),
		key('in_stock', 'supply', ['您想买的商品在门店或线上是否有货？', 'Were the products you wanted in stock?'], ['您想买的东西，店里或者网上都有货吗？', 'Could you find what you wanted in stock, in store or online?'], ['抱歉缺货了。请告诉我商品名称，到货后我们第一时间短信通知您，也可以为您预留。', 'Sorry it was out of stock. Tell me the product and we will text you when it arrives, or hold one for you.']),
		key('promotion_honoured', 'price', ['促销价格和优惠在结账时是否如实兑现？', 'Were promotion prices and offers applied correctly at checkout?'], ['结账的时候，促销价和优惠都给您算上了吗？', 'Were the promotions applied when you paid?'], ['抱歉。请提供小票信息，我核实后会把差价退到您的会员账户或原支付方式。', 'Sorry. Give me the receipt details and I will refund the difference to your member account or payment method.']),
		key('packaging_appealing', 'quality', ['商品的外观和包装是否让您满意？', 'Are you happy with how the product looks and is packaged?'], ['您觉得商品的外观和包装怎么样，满意吗？', 'Do you like the look and packaging of the product?'], ['谢谢您的意见，我会转给品牌和包装团队，作为改进的参考。', 'Thank you, I will pass that to the brand and packaging team.']),
		key('checkout_quick', 'service', ['结账排队是否在 5 分钟以内？', 'Did you queue less than 5 minutes to pay?'], ['您结账排队，有没有超过 5 分钟？没超过请回答“是”。', 'Was your wait at the checkout under 5 minutes?'], ['让您久等了。我会反馈给门店店长增开高峰时段收银台，您也可以用自助收银或手机扫码购。', 'Sorry for the wait. I will ask the store manager to open more tills at peak times; self-checkout and scan-as-you-shop are also available.']),
		key('will_buy_again', 'other', ['您是否还会继续购买这个品牌？', 'Will you buy this brand again?'], ['以后您还会继续买这个牌子吗？', 'Would you buy this brand again?'], ['谢谢告诉我们。方便说一下原因，或者您更喜欢哪个品牌吗？', 'Thank you. Could you tell me why, or which brand you prefer?'])
	]
});
