// dict.js - the one table of value -> label (and tag type) for every coded field the UI
// shows. StatusTag and the search selects read from here; templates never spell labels.

export const dicts = {
  userStatus: [
    { value: 'active', label: '正常', type: 'success' },
    { value: 'disabled', label: '停用', type: 'info' },
    { value: 'locked', label: '锁定', type: 'danger' }
  ],
  deptKind: [
    { value: 'internal', label: '内部部门', type: 'primary' },
    { value: 'company', label: '企业', type: 'success' },
    { value: 'external', label: '外部单位', type: 'warning' }
  ],
  dataScope: [
    { value: 'all', label: '全部', type: 'danger' },
    { value: 'dept', label: '本部门及以下', type: 'warning' },
    { value: 'own', label: '仅本人', type: 'info' }
  ],
  loginResult: [
    { value: 'success', label: '成功', type: 'success' },
    { value: 'failure', label: '失败', type: 'danger' },
    { value: 'locked', label: '锁定', type: 'warning' }
  ],
  // the server's audit actions are "<entity>.<verb>"; the filter matches by prefix, so an
  // entity prefix such as "user." selects all of its actions
  auditAction: [
    { value: 'auth.login', label: '登录', type: 'info' },
    { value: 'auth.logout', label: '退出登录', type: 'info' },
    { value: 'user.create', label: '新增用户', type: 'success' },
    { value: 'user.update', label: '修改用户', type: 'primary' },
    { value: 'user.password_change', label: '修改密码', type: 'warning' },
    { value: 'user.reset_password', label: '重置密码', type: 'warning' },
    { value: 'user.unlock', label: '解锁用户', type: 'warning' },
    { value: 'dept.create', label: '新增部门', type: 'success' },
    { value: 'dept.update', label: '修改部门', type: 'primary' },
    { value: 'dept.delete', label: '删除部门', type: 'danger' },
    { value: 'role.create', label: '新增角色', type: 'success' },
    { value: 'role.update', label: '修改角色', type: 'primary' },
    { value: 'role.delete', label: '删除角色', type: 'danger' },
    { value: 'workorder.create', label: '登记工单', type: 'success' },
    { value: 'workorder.action', label: '工单流转', type: 'primary' },
    { value: 'workorder.bulk_dispatch', label: '批量派单', type: 'primary' },
    { value: 'workorder.import', label: '导入工单', type: 'primary' },
    { value: 'workorder.rule_update', label: '修改时限规则', type: 'warning' },
    { value: 'workorder.sweep', label: '超期标记', type: 'danger' },
    { value: 'calendar.load_year', label: '导入节假日安排', type: 'warning' },
    { value: 'calendar.replace_year', label: '修改节假日安排', type: 'warning' },
    { value: 'regulation.create', label: '新增法规', type: 'success' },
    { value: 'regulation.revise', label: '法规修订', type: 'primary' },
    { value: 'regulation.update', label: '修改法规信息', type: 'primary' },
    { value: 'regulation.repeal', label: '法规废止', type: 'danger' },
    { value: 'regulation.reinstate', label: '法规恢复有效', type: 'warning' },
    { value: 'patrol.create', label: '开始巡查', type: 'success' },
    { value: 'patrol.finding', label: '巡查发现', type: 'warning' },
    { value: 'patrol.end', label: '结束巡查', type: 'info' },
    { value: 'patrol.convert', label: '巡查发现转案件', type: 'primary' },
    { value: 'case.document', label: '制作执法文书', type: 'primary' },
    { value: 'report.', label: '年度报告', type: 'primary' },
    { value: 'demo.', label: '演示数据', type: 'info' }
  ],
  entityType: [
    { value: 'user', label: '用户', type: 'info' },
    { value: 'department', label: '部门', type: 'info' },
    { value: 'role', label: '角色', type: 'info' },
    { value: 'session', label: '会话', type: 'info' },
    { value: 'workorder', label: '工单', type: 'info' },
    { value: 'wo_deadline_rule', label: '时限规则', type: 'info' },
    { value: 'calendar_year', label: '节假日安排', type: 'info' }
  ],
  verifyResult: [
    { value: 'ok', label: '已验证', type: 'success' },
    { value: 'fail', label: '验证失败', type: 'danger' }
  ]
}

/* dictItem: the entry for value, or a plain one showing the raw value. */
export function dictItem(dict, value) {
  const found = (dicts[dict] || []).find((d) => d.value === value)
  return found || { value, label: value == null ? '' : String(value), type: 'info' }
}

/* dictLabel: the label for value ('' for null). */
export function dictLabel(dict, value) {
  return dictItem(dict, value).label
}

/* -- workorders (issue 4): 12345工单 -- */
Object.assign(dicts, {
  woStatus: [
    { value: 'received', label: '待派单', type: 'danger' },
    { value: 'dispatched', label: '已派单', type: 'warning' },
    { value: 'signed', label: '已签收', type: 'primary' },
    { value: 'in_progress', label: '办理中', type: 'primary' },
    { value: 'drafted', label: '已拟答复', type: 'warning' },
    { value: 'reviewed', label: '已审核', type: 'success' },
    { value: 'replied', label: '已答复', type: 'success' },
    { value: 'visited', label: '已回访', type: 'success' },
    { value: 'closed', label: '已办结', type: 'info' }
  ],
  // the list's status filter: every status plus 'open' (not yet replied)
  woStatusFilter: [
    { value: 'open', label: '未办结', type: 'warning' }
  ],
  woChannel: [
    { value: 'hotline', label: '12345转办', type: 'primary' },
    { value: 'board', label: '网上留言板', type: 'success' },
    { value: 'phone', label: '电话', type: 'info' },
    { value: 'walkin', label: '来访', type: 'info' },
    { value: 'open311', label: 'Open311', type: 'info' }
  ],
  woUrgency: [
    { value: 'normal', label: '一般', type: 'info' },
    { value: 'urgent', label: '紧急', type: 'warning' },
    { value: 'critical', label: '特急', type: 'danger' }
  ],
  woFlag: [
    { value: 'overdue', label: '超期', type: 'danger' },
    { value: 'near_due', label: '临期', type: 'warning' },
    { value: 'supervised', label: '督办', type: 'danger' },
    { value: 'paused', label: '暂停计时', type: 'info' },
    { value: 'duplicate', label: '疑似重复', type: 'warning' },
    { value: 'late', label: '超期答复', type: 'danger' }
  ],
  // timeline events: the lifecycle actions plus what the server writes itself
  woAction: [
    { value: 'create', label: '登记', type: 'primary' },
    { value: 'dispatch', label: '派单', type: 'primary' },
    { value: 'sign', label: '签收', type: 'primary' },
    { value: 'return', label: '退单', type: 'warning' },
    { value: 'start', label: '开始办理', type: 'primary' },
    { value: 'draft', label: '拟写答复', type: 'primary' },
    { value: 'review', label: '审核答复', type: 'success' },
    { value: 'reply', label: '答复群众', type: 'success' },
    { value: 'callback', label: '回访', type: 'success' },
    { value: 'close', label: '办结', type: 'info' },
    { value: 'reopen', label: '重新办理', type: 'warning' },
    { value: 'extend_request', label: '申请延期', type: 'warning' },
    { value: 'extend_approve', label: '审批延期', type: 'warning' },
    { value: 'supervise', label: '督办', type: 'danger' },
    { value: 'pause', label: '暂停计时', type: 'info' },
    { value: 'resume', label: '恢复计时', type: 'info' },
    { value: 'merge', label: '合并重复工单', type: 'info' },
    { value: 'merged_from', label: '并入重复工单', type: 'info' },
    { value: 'comment', label: '备注', type: 'info' },
    { value: 'overdue', label: '超期', type: 'danger' }
  ],
  woCallbackResult: [
    { value: 'satisfied', label: '满意', type: 'success' },
    { value: 'basic', label: '基本满意', type: 'primary' },
    { value: 'dissatisfied', label: '不满意', type: 'danger' },
    { value: 'unreachable', label: '无法联系', type: 'info' }
  ]
})

/* -- enforcement (issue 5): 行政执法 -- */
Object.assign(dicts, {
  // case stages (cases.c `stages`)
  caseStage: [
    { value: 'registered', label: '立案审批中', type: 'warning' },
    { value: 'investigating', label: '调查取证', type: 'primary' },
    { value: 'notified', label: '已告知', type: 'primary' },
    { value: 'hearing', label: '听证', type: 'warning' },
    { value: 'heard', label: '已陈述申辩', type: 'primary' },
    { value: 'reviewing', label: '法制审核中', type: 'warning' },
    { value: 'reviewed', label: '法制审核通过', type: 'success' },
    { value: 'onsite', label: '当场处罚', type: 'primary' },
    { value: 'inspecting', label: '检查中', type: 'primary' },
    { value: 'decided', label: '已作出决定', type: 'success' },
    { value: 'served', label: '已送达', type: 'success' },
    { value: 'executed', label: '已执行', type: 'success' },
    { value: 'closed', label: '已结案', type: 'info' },
    { value: 'revoked', label: '决定已撤销', type: 'danger' }
  ],
  // the list's stage filter: every stage plus 'open' (not closed or revoked)
  caseStageFilter: [
    { value: 'open', label: '未结案', type: 'warning' }
  ],
  caseKind: [
    { value: 'penalty', label: '行政处罚', type: 'danger' },
    { value: 'inspection', label: '行政检查', type: 'primary' }
  ],
  caseProcedure: [
    { value: 'ordinary', label: '普通程序', type: 'primary' },
    { value: 'simple', label: '简易程序', type: 'success' }
  ],
  caseFlag: [
    { value: 'decision_overdue', label: '办案超期', type: 'danger' },
    { value: 'service_overdue', label: '送达超期', type: 'danger' },
    { value: 'publish_overdue', label: '公示超期', type: 'danger' },
    { value: 'withdraw_overdue', label: '撤回公示超期', type: 'danger' },
    { value: 'preservation_overdue', label: '先行登记保存处理超期', type: 'danger' },
    { value: 'near_due', label: '临期', type: 'warning' }
  ],
  partyKind: [
    { value: 'citizen', label: '公民', type: 'info' },
    { value: 'org', label: '法人或其他组织', type: 'info' }
  ],
  // 《行政处罚法》第九条 (cases.c check_penalty)
  penaltyKind: [
    { value: 'warning', label: '警告', type: 'info' },
    { value: 'criticism', label: '通报批评', type: 'info' },
    { value: 'fine', label: '罚款', type: 'warning' },
    { value: 'confiscate_gains', label: '没收违法所得', type: 'warning' },
    { value: 'confiscate_property', label: '没收非法财物', type: 'warning' },
    { value: 'confiscate_large', label: '没收较大数额违法所得、非法财物', type: 'danger' },
    { value: 'suspend_license', label: '暂扣许可证件', type: 'danger' },
    { value: 'lower_qualification', label: '降低资质等级', type: 'danger' },
    { value: 'revoke_license', label: '吊销许可证件', type: 'danger' },
    { value: 'restrict_business', label: '限制开展生产经营活动', type: 'danger' },
    { value: 'suspend_business', label: '责令停产停业', type: 'danger' },
    { value: 'close', label: '责令关闭', type: 'danger' },
    { value: 'restrict_practice', label: '限制从业', type: 'danger' },
    { value: 'detention', label: '行政拘留', type: 'danger' },
    { value: 'other', label: '法律、行政法规规定的其他行政处罚', type: 'info' }
  ],
  caseDecision: [
    { value: 'penalty', label: '给予行政处罚', type: 'danger' },
    { value: 'no_penalty_minor', label: '违法行为轻微，不予行政处罚', type: 'info' },
    { value: 'no_penalty_facts', label: '违法事实不能成立，不予行政处罚', type: 'info' },
    { value: 'transfer', label: '移送司法机关', type: 'warning' }
  ],
  serviceMethod: [
    { value: 'on_spot', label: '当场交付', type: 'info' },
    { value: 'direct', label: '直接送达', type: 'info' },
    { value: 'mail', label: '邮寄送达', type: 'info' },
    { value: 'electronic', label: '电子送达', type: 'info' },
    { value: 'public_notice', label: '公告送达', type: 'info' }
  ],
  reviewResult: [
    { value: 'agree', label: '同意', type: 'success' },
    { value: 'amend', label: '修改后再报', type: 'warning' },
    { value: 'return', label: '退回补充调查', type: 'danger' }
  ],
  caseStatement: [
    { value: 'none', label: '未陈述申辩', type: 'info' },
    { value: 'heard', label: '已陈述申辩', type: 'success' },
    { value: 'waived', label: '放弃陈述申辩', type: 'warning' }
  ],
  // on-site acts; the first three are what POST /cases/:id/acts takes
  actKind: [
    { value: 'inspection', label: '现场检查', type: 'primary' },
    { value: 'inquiry', label: '询问', type: 'primary' },
    { value: 'evidence', label: '调查取证', type: 'primary' },
    { value: 'service', label: '送达', type: 'success' },
    { value: 'onsite_decision', label: '当场处罚', type: 'warning' },
    { value: 'hearing', label: '听证', type: 'warning' }
  ],
  evidenceKind: [
    { value: 'document', label: '文书', type: 'info' },
    { value: 'photo', label: '照片', type: 'info' },
    { value: 'audio', label: '录音', type: 'info' },
    { value: 'video', label: '视频', type: 'info' },
    { value: 'other', label: '其他', type: 'info' }
  ],
  // the full-process record items (cases.c `records`) plus 'other'
  evidenceRecord: [
    { value: 'filing_form', label: '立案审批表', type: 'info' },
    { value: 'inspection_record', label: '现场检查（勘验）笔录或询问笔录', type: 'info' },
    { value: 'av_record', label: '现场执法音像记录', type: 'info' },
    { value: 'notice_doc', label: '行政处罚事先告知书', type: 'info' },
    { value: 'statement_record', label: '陈述申辩笔录（或放弃陈述申辩的书面材料）', type: 'info' },
    { value: 'decision_doc', label: '行政处罚决定书', type: 'info' },
    { value: 'service_receipt', label: '送达回证', type: 'info' },
    { value: 'execution_record', label: '执行（缴款）凭证', type: 'info' },
    { value: 'other', label: '其他材料', type: 'info' }
  ],
  // timeline events: the lifecycle actions plus what the server writes itself
  caseAction: [
    { value: 'create', label: '登记案件', type: 'primary' },
    { value: 'act', label: '现场执法活动', type: 'info' },
    { value: 'evidence', label: '上传证据', type: 'info' },
    { value: 'approve_filing', label: '批准立案', type: 'primary' },
    { value: 'notify', label: '告知拟处罚', type: 'primary' },
    { value: 'statement', label: '记录陈述申辩', type: 'primary' },
    { value: 'waive', label: '放弃陈述申辩', type: 'warning' },
    { value: 'request_hearing', label: '申请听证', type: 'warning' },
    { value: 'schedule_hearing', label: '确定听证时间', type: 'warning' },
    { value: 'hold_hearing', label: '举行听证', type: 'warning' },
    { value: 'submit_review', label: '提交法制审核', type: 'primary' },
    { value: 'review', label: '法制审核', type: 'success' },
    { value: 'discuss', label: '集体讨论', type: 'warning' },
    { value: 'extend', label: '延长办案期限', type: 'warning' },
    { value: 'decide', label: '作出决定', type: 'success' },
    { value: 'decide_on_spot', label: '当场处罚', type: 'success' },
    { value: 'serve', label: '送达决定书', type: 'success' },
    { value: 'publish', label: '公示', type: 'success' },
    { value: 'execute', label: '执行（履行）', type: 'success' },
    { value: 'close', label: '结案', type: 'info' },
    { value: 'revoke', label: '撤销决定', type: 'danger' },
    { value: 'withdraw_publication', label: '撤回公示', type: 'danger' },
    { value: 'conclude', label: '办结检查', type: 'info' },
    { value: 'cite', label: '引用法律依据', type: 'info' },
    { value: 'request_preservation', label: '申请先行登记保存', type: 'warning' },
    { value: 'approve_preservation', label: '审批先行登记保存', type: 'primary' },
    { value: 'preserve', label: '执行先行登记保存', type: 'warning' },
    { value: 'handle_preservation', label: '先行登记保存处理决定', type: 'success' },
    { value: 'apply_recusal', label: '申请回避', type: 'warning' },
    { value: 'decide_recusal', label: '回避决定', type: 'primary' }
  ],
  // 先行登记保存 (Art. 56): its states and the handling decisions within 7 working days
  preservationStatus: [
    { value: 'requested', label: '待负责人审批', type: 'warning' },
    { value: 'approved', label: '已批准待执行', type: 'primary' },
    { value: 'rejected', label: '不予批准', type: 'info' },
    { value: 'preserved', label: '已登记保存', type: 'danger' },
    { value: 'handled', label: '已作出处理决定', type: 'success' }
  ],
  preservationHandling: [
    { value: 'release', label: '解除保存、退还当事人', type: 'info' },
    { value: 'record', label: '记录、复制、拍照、录像等证据保全后解除', type: 'info' },
    { value: 'inspect', label: '送交检验、检测、检疫或者技术鉴定', type: 'primary' },
    { value: 'seize', label: '依法采取查封、扣押等行政强制措施', type: 'warning' },
    { value: 'confiscate', label: '依法予以没收', type: 'danger' },
    { value: 'transfer', label: '移送有关机关处理', type: 'warning' }
  ],
  // 回避 (Art. 43)
  recusalStatus: [
    { value: 'pending', label: '待负责人决定', type: 'warning' },
    { value: 'granted', label: '决定回避', type: 'danger' },
    { value: 'rejected', label: '驳回申请', type: 'info' }
  ],
  recusalApplicant: [
    { value: 'party', label: '当事人申请', type: 'info' },
    { value: 'self', label: '执法人员自行申请', type: 'info' }
  ],
  officerStatus: [
    { value: 'valid', label: '有效', type: 'success' },
    { value: 'suspended', label: '已暂扣', type: 'warning' },
    { value: 'revoked', label: '已吊销', type: 'danger' }
  ],
  // what a certificate is today: status and validity period together
  officerValidity: [
    { value: 'valid', label: '有效', type: 'success' },
    { value: 'expired', label: '已过期', type: 'danger' },
    { value: 'not_yet', label: '未生效', type: 'info' },
    { value: 'suspended', label: '已暂扣', type: 'warning' },
    { value: 'revoked', label: '已吊销', type: 'danger' }
  ],
  powerKind: [
    { value: 'penalty', label: '行政处罚', type: 'danger' },
    { value: 'inspection', label: '行政检查', type: 'primary' },
    { value: 'coercion', label: '行政强制', type: 'warning' },
    { value: 'other', label: '其他', type: 'info' }
  ],
  powerStatus: [
    { value: 'active', label: '有效', type: 'success' },
    { value: 'retired', label: '已废止', type: 'info' }
  ]
})
dicts.auditAction.push(
  { value: 'case.create', label: '登记执法案件', type: 'success' },
  { value: 'case.action', label: '案件流转', type: 'primary' },
  { value: 'case.act', label: '记录执法活动', type: 'primary' },
  { value: 'case.evidence', label: '上传证据', type: 'primary' },
  { value: 'officer.create', label: '登记执法人员', type: 'success' },
  { value: 'officer.update', label: '修改执法证件', type: 'warning' },
  { value: 'power.create', label: '新增权责事项', type: 'success' }
)
dicts.entityType.push(
  { value: 'case', label: '执法案件', type: 'info' },
  { value: 'officer', label: '执法人员', type: 'info' },
  { value: 'power', label: '权责事项', type: 'info' }
)

/* -- duties (issue 7): 学法任务来源、以案说法教学材料 -- */
Object.assign(dicts, {
  learningOrigin: [
    { value: 'manual', label: '手动布置', type: 'info' },
    { value: 'version', label: '法规修订自动布置', type: 'warning' },
    { value: 'teaching', label: '以案说法', type: 'success' }
  ],
  teachingStatus: [
    { value: 'draft', label: '草稿', type: 'info' },
    { value: 'submitted', label: '待审核', type: 'warning' },
    { value: 'published', label: '已发布', type: 'success' }
  ]
})
dicts.auditAction.push(
  { value: 'teaching.', label: '以案说法教学材料', type: 'primary' },
  { value: 'learning.', label: '学法任务', type: 'primary' }
)
dicts.entityType.push(
  { value: 'teaching_material', label: '以案说法教学材料', type: 'info' },
  { value: 'learning_batch', label: '学法任务批次', type: 'info' }
)
