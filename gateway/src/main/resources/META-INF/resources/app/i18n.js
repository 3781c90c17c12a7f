// Chinese first: most residents and many grid workers read nothing else. English for staff who ask for it.
const TEXTS = {
  zh: {
    brand: '积分存折', skip: '跳到正文', loading: '正在加载…', logout: '退出', largeType: '大字', normalType: '正常字号',
    online: '在线', offline: '离线：记录会先存在手机上', login: '登录', loginTitle: '社区积分工作台',
    loginHint: '账号', loginHelp: '用社区统一账号登录。演示账号：li-mei（居民）、zhao-gang（网格员）、chen-jing / lin-tao（社区工作人员）、liu-yang（食堂）、qian-hui（运维）。',
    loginFailed: '登录没有成功，请再试一次。', sessionOver: '登录已过期，请重新登录。',
    navGrid: '今日活动', navCounter: '核销柜台', navStaff: '社区管理', navMe: '我的积分', navOps: '死信',
    activities: '活动', today: '今天', roster: '名单', signedUp: '已报名', places: '名额', noActivities: '现在没有进行中或将要开始的活动。',
    checkInCode: '签到码', checkInHelp: '请志愿者在手机上输入此签到码确认到场。', nextCode: '下次更新',
    record: '记录服务', minutes: '分钟', served: '到场', verifyToo: '同时审核（需志愿者签到或第二人）', walkIn: '临时参加的居民编号',
    submit: '提交', queue: '待发送记录', queued: '待发送', sent: '已送达', refused: '被拒绝', shiftsSaved: '条服务记录已保存',
    verify: '审核', awaiting: '等待第二人确认', status: '状态', member: '居民', shifts: '服务记录', nothingQueued: '没有待发送的记录。',
    pickActivity: '选择活动', chooseSomeone: '请至少选择一位居民。',
    voucherCode: '兑换码', fulfil: '核销', scan: '扫码', stopScan: '停止扫码', voucherFor: '这张兑换券是：', fulfilled: '已核销',
    todayFulfilments: '今天核销的兑换券', settlement: '结算', from: '从', to: '到', show: '查看', downloadCsv: '下载 CSV',
    vouchersFulfilled: '核销张数', pointsCaptured: '居民积分', subsidyCaptured: '补贴积分', noneYet: '还没有。',
    kinds: '活动类型', rules: '积分规则', pointsPerHour: '每小时积分', rewards: '奖励', partners: '合作方', adjustments: '积分调整',
    approvals: '待审批', reversal: '冲正', reverseOne: '冲正一笔', reverse: '提交冲正', transactionId: '交易编号', reversalBooked: '冲正已入账。', reversalPending: '超过 100 积分，已提交，等待另一位工作人员批准。', approve: '批准', reject: '驳回', reason: '原因', points: '积分', memberId: '居民编号', ask: '提交调整',
    adjustmentBooked: '调整已入账。', adjustmentPending: '超过 100 积分，已提交，等待另一位工作人员批准。', approved: '已批准', rejected: '已驳回',
    charts: '图表', participation: '每月参与人数', pointsByPartner: '各合作方核销积分', pointsByKind: '各类活动发放积分', period: '按月份查看', fromMonth: '开始月份', toMonth: '结束月份', subsidy: '补贴池：本月已用与预算',
    spent: '已用', budget: '预算', deadLetters: '死信', redrive: '重新投递', service: '服务', topic: '主题', noDeadLetters: '没有死信。',
    reconciliation: '对账结果', publish: '发布活动', title: '标题', place: '地点', startsAt: '开始', endsAt: '结束', capacity: '名额',
    home: '首页', passbook: '积分存折', signUp: '报名', signedUpOk: '报名成功', redeem: '兑换', vouchers: '我的兑换券', balance: '可用积分',
    held: '冻结', posted: '已入账', upcoming: '我报名的活动', price: '价格', priceForYou: '您的价格', left: '剩余',
    redeemWaiting: '正在兑换，请稍候…', redeemDone: '兑换成功，请在柜台出示兑换码。', attendance: '签到', enterCode: '输入现场签到码',
    attended: '签到成功', validUntil: '有效期至', more: '更多', unavailable: '暂时无法显示', kind: '类型', amount: '积分', when: '时间', description: '摘要',
    CHECKED_IN: '进行中', RECORDED: '待审核', VERIFIED: '已审核', REJECTED: '已驳回', VOIDED: '已作废',
    voucherACTIVE: '可以使用', voucherUSED: '已使用', voucherCANCELLED: '已取消', voucherEXPIRED: '已过期', session: '课程时间', mealDay: '用餐日期',
    residents: '居民', households: '住户', joinRequests: '入户申请', proxies: '代办授权', name: '姓名', phone: '电话', elderly: '60岁以上',
    volunteer: '志愿者', NONE: '未登记', REGISTERED: '已登记', SUSPENDED: '暂停', ACTIVE: '有效', MOVED_OUT: '已迁出', CLOSED: '已关闭',
    EXPIRED: '已过期', REVOKED: '已撤销', PENDING: '待处理', APPROVED: '已批准', DECLINED: '已拒绝', members: '成员', categories: '类别',
    validFrom: '起', validToday: '今天有效', address: '地址', household: '住户', decline: '拒绝', declined: '已拒绝',
    DIBAO: '低保', DISABILITY: '残疾', LEFT_BEHIND_CHILD: '留守儿童', ELDERLY_ALONE: '独居老人',
    proxyId: '代办人编号', proxyName: '代办人姓名', relation: '关系', FAMILY: '家人', GRID_WORKER: '网格员', scopes: '可代办',
    PASSBOOK_READ: '查看存折', REDEEM: '兑换', SIGN_UP: '报名', consentNote: '居民同意书编号', grant: '授权', revoke: '撤销',
    grantedBy: '授权人', noGrants: '没有代办授权。', showGrants: '查看授权', noRequests: '没有待处理的申请。',
    reconciliationNone: '还没有对账记录：对账程序还没有运行过。', outcome: '结果', CLEAN: '账目一致', DISCREPANCIES: '有差异', FAILED: '对账失败',
    startedAt: '开始', finishedAt: '结束', postingsChecked: '核对的记账条数', checks: '检查项', discrepancies: '差异', check: '检查',
    subject: '对象', detail: '详情', noDiscrepancies: '没有差异。', pointsAwarded: '每月发放积分', chartTable: '图表数据', month: '月份', value: '数值',
    networkDown: '网络不通，请稍后再试。', forbidden: '您没有权限做这件事。', error: '出错了', yes: '是', no: '否', refresh: '刷新',
  },
  en: {
    brand: 'Points passbook', skip: 'Skip to content', loading: 'Loading…', logout: 'Log out', largeType: 'Large type', normalType: 'Normal type',
    online: 'Online', offline: 'Offline: entries wait on this phone', login: 'Log in', loginTitle: 'Community points console',
    loginHint: 'Username', loginHelp: 'Log in with your community account. Demo users: li-mei (resident), zhao-gang (grid worker), chen-jing / lin-tao (staff), liu-yang (canteen), qian-hui (operator).',
    loginFailed: 'Login did not succeed; please try again.', sessionOver: 'Your login has expired; please log in again.',
    navGrid: 'Today', navCounter: 'Counter', navStaff: 'Community', navMe: 'My points', navOps: 'Dead letters',
    activities: 'Activities', today: 'Today', roster: 'Roster', signedUp: 'Signed up', places: 'Places', noActivities: 'No activity is on or coming up.',
    checkInCode: 'Check-in code', checkInHelp: 'Volunteers enter this code on their phone to confirm they are here.', nextCode: 'Next code at',
    record: 'Record service', minutes: 'Minutes', served: 'Served', verifyToo: 'Verify too (needs the volunteer\'s check-in or a second person)', walkIn: 'Walk-in resident id',
    submit: 'Submit', queue: 'Entries to send', queued: 'Queued', sent: 'Sent', refused: 'Refused', shiftsSaved: 'shifts saved',
    verify: 'Verify', awaiting: 'Waiting for a second person', status: 'Status', member: 'Resident', shifts: 'Shifts', nothingQueued: 'Nothing waiting.',
    pickActivity: 'Choose an activity', chooseSomeone: 'Choose at least one resident.',
    voucherCode: 'Voucher code', fulfil: 'Fulfil', scan: 'Scan', stopScan: 'Stop scanning', voucherFor: 'This voucher is for:', fulfilled: 'Fulfilled',
    todayFulfilments: 'Vouchers fulfilled today', settlement: 'Settlement', from: 'From', to: 'To', show: 'Show', downloadCsv: 'Download CSV',
    vouchersFulfilled: 'Vouchers', pointsCaptured: 'Residents\' points', subsidyCaptured: 'Subsidy points', noneYet: 'None yet.',
    kinds: 'Activity kinds', rules: 'Rules', pointsPerHour: 'Points per hour', rewards: 'Rewards', partners: 'Partners', adjustments: 'Adjustments',
    approvals: 'Waiting for approval', reversal: 'Reversal', reverseOne: 'Reverse a booking', reverse: 'Submit reversal', transactionId: 'Transaction id', reversalBooked: 'Reversal booked.', reversalPending: 'Above 100 points: submitted, waiting for a second staff member.', approve: 'Approve', reject: 'Reject', reason: 'Reason', points: 'Points', memberId: 'Resident id', ask: 'Submit adjustment',
    adjustmentBooked: 'Adjustment booked.', adjustmentPending: 'Above 100 points: submitted, waiting for a second staff member.', approved: 'Approved', rejected: 'Rejected',
    charts: 'Charts', participation: 'Volunteers per month', pointsByPartner: 'Points redeemed by partner', pointsByKind: 'Points issued by activity kind', period: 'Months to show', fromMonth: 'First month', toMonth: 'Last month', subsidy: 'Subsidy pool: spent this month against budget',
    spent: 'Spent', budget: 'Budget', deadLetters: 'Dead letters', redrive: 'Re-drive', service: 'Service', topic: 'Topic', noDeadLetters: 'No dead letters.',
    reconciliation: 'Reconciliation', publish: 'Publish activity', title: 'Title', place: 'Place', startsAt: 'Starts', endsAt: 'Ends', capacity: 'Places',
    home: 'Home', passbook: 'Passbook', signUp: 'Sign up', signedUpOk: 'Signed up', redeem: 'Redeem', vouchers: 'My vouchers', balance: 'Available',
    held: 'Held', posted: 'Posted', upcoming: 'My activities', price: 'Price', priceForYou: 'Your price', left: 'Left',
    redeemWaiting: 'Redeeming, please wait…', redeemDone: 'Redeemed: show the code at the counter.', attendance: 'Check in', enterCode: 'Enter the check-in code',
    attended: 'Checked in', validUntil: 'Valid until', more: 'More', unavailable: 'Not available just now', kind: 'Kind', amount: 'Points', when: 'When', description: 'Description',
    CHECKED_IN: 'Checked in', RECORDED: 'Recorded', VERIFIED: 'Verified', REJECTED: 'Rejected', VOIDED: 'Voided',
    voucherACTIVE: 'Can be used', voucherUSED: 'Used', voucherCANCELLED: 'Cancelled', voucherEXPIRED: 'Expired', session: 'Session', mealDay: 'Meal day',
    residents: 'Residents', households: 'Households', joinRequests: 'Join requests', proxies: 'Proxy grants', name: 'Name', phone: 'Phone', elderly: '60+',
    volunteer: 'Volunteer', NONE: 'Not registered', REGISTERED: 'Registered', SUSPENDED: 'Suspended', ACTIVE: 'Active', MOVED_OUT: 'Moved out', CLOSED: 'Closed',
    EXPIRED: 'Expired', REVOKED: 'Revoked', PENDING: 'Pending', APPROVED: 'Approved', DECLINED: 'Declined', members: 'Members', categories: 'Categories',
    validFrom: 'From', validToday: 'Valid today', address: 'Address', household: 'Household', decline: 'Decline', declined: 'Declined',
    DIBAO: 'Minimum living allowance', DISABILITY: 'Disability', LEFT_BEHIND_CHILD: 'Left-behind child', ELDERLY_ALONE: 'Elderly living alone',
    proxyId: 'Proxy\'s resident id', proxyName: 'Proxy\'s name', relation: 'Relation', FAMILY: 'Family', GRID_WORKER: 'Grid worker', scopes: 'May',
    PASSBOOK_READ: 'Read passbook', REDEEM: 'Redeem', SIGN_UP: 'Sign up', consentNote: 'Resident\'s consent form reference', grant: 'Grant', revoke: 'Revoke',
    grantedBy: 'Granted by', noGrants: 'No proxy grants.', showGrants: 'Show grants', noRequests: 'No pending requests.',
    reconciliationNone: 'No reconciliation yet: the reconciler has not run.', outcome: 'Outcome', CLEAN: 'Clean', DISCREPANCIES: 'Discrepancies', FAILED: 'Failed',
    startedAt: 'Started', finishedAt: 'Finished', postingsChecked: 'Postings checked', checks: 'Checks', discrepancies: 'Discrepancies', check: 'Check',
    subject: 'Subject', detail: 'Detail', noDiscrepancies: 'No discrepancies.', pointsAwarded: 'Points awarded per month', chartTable: 'Chart data', month: 'Month', value: 'Value',
    networkDown: 'No network; please try again later.', forbidden: 'You may not do this.', error: 'Something went wrong', yes: 'Yes', no: 'No', refresh: 'Refresh',
  },
};

let lang = localStorage.getItem('cp.lang') === 'en' ? 'en' : 'zh';

export function language() {
  return lang;
}

export function setLanguage(next) {
  lang = next === 'en' ? 'en' : 'zh';
  localStorage.setItem('cp.lang', lang);
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
}

export function t(key) {
  return TEXTS[lang][key] ?? TEXTS.zh[key] ?? key;
}

export function translateStatic(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN',
    { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function shanghaiDate(date = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(date);
}
