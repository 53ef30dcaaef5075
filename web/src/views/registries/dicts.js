// dicts.js - the coded values of 企业与信用、普法与学习 and their labels/tag colours, for the
// pages under views/registries (the same codes as migrations/005_registries.sql,
// 015_enterprise_service.sql and registries.c; GET /service-requests/codes lists the
// service ones). RegTag shows one; the selects list them.

export const regDicts = {
  enterpriseStatus: [
    { value: 'active', label: '在园', type: 'success' },
    { value: 'moved_out', label: '已迁出', type: 'info' },
    { value: 'deregistered', label: '已注销', type: 'danger' }
  ],
  commitmentKind: [
    { value: 'credit', label: '信用承诺', type: 'primary' },
    { value: 'integrity', label: '诚信经营承诺', type: 'success' },
    { value: 'notification', label: '告知承诺', type: 'warning' }
  ],
  commitmentStatus: [
    { value: 'valid', label: '有效', type: 'success' },
    { value: 'breached', label: '已违诺', type: 'danger' },
    { value: 'revoked', label: '已撤销', type: 'info' }
  ],
  breachStatus: [
    { value: 'open', label: '待处理', type: 'danger' },
    { value: 'handled', label: '已处理', type: 'success' }
  ],
  serviceSource: [
    { value: 'shuangwan', label: '双万双服平台', type: 'primary' },
    { value: 'visit', label: '走访发现', type: 'success' },
    { value: 'phone', label: '电话反映', type: 'warning' },
    { value: 'other', label: '其他', type: 'info' }
  ],
  serviceCategory: [
    { value: 'policy', label: '政策咨询', type: 'primary' },
    { value: 'approval', label: '审批办证', type: 'success' },
    { value: 'financing', label: '融资信贷', type: 'warning' },
    { value: 'talent', label: '人才用工', type: 'primary' },
    { value: 'premises', label: '用地厂房', type: 'success' },
    { value: 'infrastructure', label: '基础配套（水电气路）', type: 'info' },
    { value: 'safety', label: '安全环保', type: 'danger' },
    { value: 'other', label: '其他', type: 'info' }
  ],
  serviceStatus: [
    { value: 'received', label: '已受理', type: 'warning' },
    { value: 'in_progress', label: '办理中', type: 'primary' },
    { value: 'resolved', label: '已办结', type: 'success' }
  ],
  financingChannel: [
    { value: 'visit', label: '上门走访', type: 'primary' },
    { value: 'lecture', label: '宣讲会', type: 'success' },
    { value: 'online', label: '线上推送', type: 'warning' },
    { value: 'phone', label: '电话对接', type: 'info' },
    { value: 'other', label: '其他', type: 'info' }
  ],
  financingOutcome: [
    { value: 'informed', label: '已宣传告知', type: 'info' },
    { value: 'registered', label: '已注册信易贷平台', type: 'primary' },
    { value: 'applied', label: '已申请贷款', type: 'warning' },
    { value: 'granted', label: '已获得贷款', type: 'success' },
    { value: 'declined', label: '申请未获批', type: 'danger' },
    { value: 'no_need', label: '暂无融资需求', type: 'info' }
  ],
  activityKind: [
    { value: 'pufa_lecture', label: '普法讲座', type: 'primary', group: 'pufa' },
    { value: 'pufa_onsite', label: '现场普法宣传', type: 'success', group: 'pufa' },
    { value: 'pufa_online', label: '线上普法文章', type: 'warning', group: 'pufa' },
    { value: 'pufa_case', label: '以案说法', type: 'danger', group: 'pufa' },
    { value: 'enforcement_publicity', label: '执法宣传（政策法规宣讲）', type: 'info', group: 'pufa' },
    { value: 'anti_fraud', label: '反诈宣传', type: 'danger', group: 'anti_fraud' },
    { value: 'study_first_topic', label: '第一议题学习', type: 'primary', group: 'study' },
    { value: 'study_theory_group', label: '理论中心组学习', type: 'success', group: 'study' }
  ]
}

/* regItem: the entry of value in dict, or a plain one showing the raw value. */
export function regItem(dict, value) {
  const found = (regDicts[dict] || []).find((d) => d.value === value)
  return found || { value, label: value == null ? '' : String(value), type: 'info' }
}

/* regLabel: the label of value ('' for null). */
export function regLabel(dict, value) {
  return regItem(dict, value).label
}

/* kindsOf: the activity kinds of a group (pufa | anti_fraud | study). */
export function kindsOf(group) {
  return regDicts.activityKind.filter((k) => k.group === group)
}

/* the district enforcement departments whose regulations 执法宣传 covers */
export const enforcementDepts = ['区城管委', '区住建委', '区市场监管局', '区应急管理局', '区消防支队']

/* thisYear: ['YYYY-01-01', 'YYYY-12-31'] of the current year. */
export function thisYear() {
  const y = new Date().getFullYear()
  return [`${y}-01-01`, `${y}-12-31`]
}
