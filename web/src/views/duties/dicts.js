// dicts.js - the code tables of the 组织领导 pages (labels and tag types), mirroring the
// codes of duties.c; the server also sends *_label, these are for selects and filters.
export const roleOptions = [
  { value: 'leader', label: '组长' },
  { value: 'deputy', label: '副组长' },
  { value: 'member', label: '成员' }
]
export const statusOptions = [
  { value: 'not_started', label: '未开始', type: 'info' },
  { value: 'in_progress', label: '进行中', type: 'warning' },
  { value: 'done', label: '已完成', type: 'success' }
]
export const statusType = (v) => statusOptions.find((s) => s.value === v)?.type || 'info'
export const thisYear = () => new Date().getFullYear()
export const yearOptions = () => Array.from({ length: thisYear() - 2021 }, (_, i) => thisYear() - i)
