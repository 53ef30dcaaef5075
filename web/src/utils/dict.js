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
  auditAction: [
    { value: 'create', label: '新增', type: 'success' },
    { value: 'update', label: '修改', type: 'primary' },
    { value: 'delete', label: '删除', type: 'danger' },
    { value: 'login', label: '登录', type: 'info' },
    { value: 'logout', label: '退出', type: 'info' },
    { value: 'password', label: '修改密码', type: 'warning' },
    { value: 'reset_password', label: '重置密码', type: 'warning' },
    { value: 'unlock', label: '解锁', type: 'warning' },
    { value: 'import', label: '导入', type: 'primary' },
    { value: 'export', label: '导出', type: 'info' }
  ],
  entityType: [
    { value: 'user', label: '用户', type: 'info' },
    { value: 'department', label: '部门', type: 'info' },
    { value: 'role', label: '角色', type: 'info' },
    { value: 'session', label: '会话', type: 'info' }
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
