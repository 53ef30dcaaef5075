// dicts.js - the coded values of 政策法规 and their tag colours, for the pages under
// views/regulations (the same values as migrations/009_regulations.sql): the six levels
// (效力层级) and the three statuses of a regulation or one of its versions.

export const regulationDicts = {
  level: [
    { value: '法律', label: '法律', type: 'danger' },
    { value: '行政法规', label: '行政法规', type: 'warning' },
    { value: '地方性法规', label: '地方性法规', type: 'success' },
    { value: '部门规章', label: '部门规章', type: 'primary' },
    { value: '地方政府规章', label: '地方政府规章', type: 'primary' },
    { value: '规范性文件', label: '规范性文件', type: 'info' }
  ],
  status: [
    { value: '现行有效', label: '现行有效', type: 'success' },
    { value: '已修订', label: '已修订', type: 'warning' },
    { value: '已废止', label: '已废止', type: 'info' }
  ]
}

/* tagType: the el-tag type of value in dict ('info' when unknown). */
export function tagType(dict, value) {
  const found = (regulationDicts[dict] || []).find((d) => d.value === value)
  return found ? found.type : 'info'
}

/* anchorOf: the element id of article no on the detail page ("art-35"). */
export function anchorOf(no) {
  return `art-${no}`
}
