import { key, template } from './build';

/**
 * Construction-machinery dealer after-sales (工程机械代理商): the seeds' own example —
 * technician on time, fault fixed first time, charges explained, parts, attitude.
 */
export const constructionMachinery = template({
	id: 'construction-machinery',
	industry: 'construction_machinery',
	title: ['工程机械售后服务回访', 'Construction machinery service callback'],
	intro: ['感谢您使用我们的设备和服务。关于最近一次服务，以下几个问题只需一分钟。', 'Thank you for using our machines and service. A few questions about your last service visit take about a minute.'],
	subject: ['我们的售后服务', 'our after-sales service'],
	keys: [
		key('technician_on_time', 'service', ['服务人员是否准时到达现场？', 'Did the technician arrive on time?'], ['请问我们的服务工程师是按约定时间到达现场的吗？', 'Did our service engineer reach the site at the agreed time?'], ['非常抱歉耽误了您的工期。我会把情况报给服务经理，查明原因，并确保下次按时到场；如造成停工损失，可以登记由经理联系您。', 'I am very sorry for the lost time on site. I will report it to the service manager and make sure it does not happen again; if it cost you downtime, I can register it for the manager to discuss with you.']),
		key('fixed_first_time', 'quality', ['故障是否一次修复？', 'Was the fault fixed the first time?'], ['这次设备的故障，是一次就修好了吗？', 'Was the fault fixed on the first visit?'], ['非常抱歉。我马上为您登记返修，安排技术主管优先处理，返修不收工时费。请问设备现在在哪个工地？', 'I am very sorry. I will register a repeat repair now with the technical lead first in line, with no labour charge. Which site is the machine on?']),
		key('charges_explained', 'price', ['是否向您说明了收费项目？', 'Were the charges explained to you?'], ['维修前，工程师有没有向您说明收费项目和价格？', 'Before the work, did the engineer explain what would be charged?'], ['抱歉没有说明清楚。我会把本次费用明细发给您，并请服务经理逐项核对，不合理的收费会退还。', 'Sorry that was not explained. I will send you the itemised charges and have the service manager check each one; anything improper will be refunded.']),
		key('parts_available', 'supply', ['所需配件是否及时供应？', 'Were the parts you needed available in time?'], ['这次维修需要的配件，有没有及时供应上？', 'Were the parts for this repair available without delay?'], ['抱歉配件影响了您的施工。我会登记缺货配件，由配件部门加急调货并每天向您通报进度。', 'Sorry the parts held up your work. I will log the missing parts; the parts department will rush them and update you daily.']),
		key('attitude_good', 'service', ['服务人员的态度是否让您满意？', 'Were you satisfied with the technician\'s attitude?'], ['您对服务工程师的工作态度满意吗？', 'Were you happy with how the engineer dealt with you?'], ['非常抱歉让您不满意。请告诉我具体情况，我会如实转给服务经理处理，并在处理后回电告诉您结果。', 'I am very sorry. Please tell me what happened; I will pass it to the service manager and call you back with the result.']),
		key('site_left_clean', 'service', ['维修完成后现场是否清理干净、设备试机正常？', 'After the repair, was the site left clean and the machine test-run?'], ['修完以后，工程师有没有试机，现场有没有清理干净？', 'After the repair, did the engineer test the machine and clean up?'], ['抱歉。我会安排工程师回访检查设备运行情况，并把规范作业的要求再次强调给服务团队。', 'Sorry. I will have an engineer come back to check the machine, and remind the team of our working standards.'])
	]
});
