// labels.js - the Chinese labels and tag colours of the codes the decision, meeting and
// review APIs return (the server's *_name fields are used where it sends them).
export const categories = [
  { value: 'public_policy', label: '重大公共政策' },
  { value: 'plan', label: '重要规划' },
  { value: 'resources', label: '资源开发利用' },
  { value: 'construction', label: '重大公共建设项目' },
  { value: 'other', label: '其他重大事项' }
]
export const orgs = [
  { value: 'center', label: '服务中心' },
  { value: 'company', label: '开发建设公司' }
]
export const statuses = [
  { value: 'drafting', label: '起草中', type: 'info' },
  { value: 'under_review', label: '合法性审查中', type: 'warning' },
  { value: 'reviewed', label: '待集体讨论', type: 'primary' },
  { value: 'deferred', label: '暂缓决定', type: 'warning' },
  { value: 'decided', label: '已决定', type: 'success' },
  { value: 'rejected', label: '未通过', type: 'danger' },
  { value: 'published', label: '已公布', type: 'success' },
  { value: 'archived', label: '已归档', type: 'info' }
]
export const outcomes = [
  { value: 'adopted', label: '通过', type: 'success' },
  { value: 'rejected', label: '不通过', type: 'danger' },
  { value: 'deferred', label: '暂缓', type: 'warning' }
]
export const opinions = [
  { value: 'agree', label: '同意' },
  { value: 'disagree', label: '不同意' },
  { value: 'abstain', label: '弃权' }
]
export const results = [
  { value: 'lawful', label: '合法' },
  { value: 'unlawful', label: '不合法' },
  { value: 'exploratory_with_risk_statement', label: '探索性改革（说明法律风险）' }
]
/* 向同级党委请示报告的结果（第三十一条） */
export const partyOutcomes = [
  { value: 'agreed', label: '同意', type: 'success' },
  { value: 'agreed_with_changes', label: '原则同意（提出修改意见）', type: 'warning' },
  { value: 'disagreed', label: '不同意', type: 'danger' }
]
/* 决策调整的类型与执行状态（第三十七条） */
export const adjustKinds = [
  { value: 'suspend', label: '中止执行' },
  { value: 'resume', label: '恢复执行' },
  { value: 'adjust', label: '调整决策' },
  { value: 'terminate', label: '停止执行' }
]
export const implStates = [
  { value: 'in_force', label: '执行中', type: 'success' },
  { value: 'adjusted', label: '已调整', type: 'warning' },
  { value: 'suspended', label: '已中止执行', type: 'danger' },
  { value: 'resumed', label: '已恢复执行', type: 'success' },
  { value: 'terminated', label: '已停止执行', type: 'info' }
]
export const reviewKinds = [
  { value: 'decision', label: '重大行政决策' },
  { value: 'contract', label: '合同' },
  { value: 'normative_document', label: '规范性文件' },
  { value: 'enforcement_document', label: '执法文书' },
  { value: 'other', label: '其他' }
]
export const reviewStatuses = [
  { value: 'submitted', label: '待指派', type: 'info' },
  { value: 'assigned', label: '审查中', type: 'warning' },
  { value: 'returned', label: '退回补充材料', type: 'danger' },
  { value: 'answered', label: '已出具意见', type: 'success' }
]
export const conclusions = [
  { value: 'lawful', label: '合法' },
  { value: 'lawful_with_changes', label: '修改后合法' },
  { value: 'unlawful', label: '不合法' },
  { value: 'other', label: '其他' }
]

/* label / tagType: the entry of value in list */
export function label(list, value) {
  const x = list.find((i) => i.value === value)
  return x ? x.label : value || ''
}
export function tagType(list, value) {
  const x = list.find((i) => i.value === value)
  return (x && x.type) || 'info'
}

/* cleanDocs: the documents of a DocInput as the API takes them */
export function cleanDocs(docs) {
  return (docs || []).map(({ size: _s, ...d }) => d)
}
