// uscc.js - the GB 32100 check of a unified social credit code in the browser, for instant
// form feedback only (DOMAIN.md §7; the server checks again and is the authority).

const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/* usccProblem: null when code (trimmed, upper-cased) is valid, else the reason in the
 * server's words (e.g. '校验码应为 3'). */
export function usccProblem(code) {
  const c = String(code || '').trim().toUpperCase()
  if (!c) return '统一社会信用代码不能为空'
  if (c.length !== 18) return '统一社会信用代码应为 18 位'
  for (let i = 0; i < 18; i++) {
    if (ALPHA.indexOf(c[i]) < 0) return `第 ${i + 1} 位含非法字符（不使用 I、O、Z、S、V 及符号）`
  }
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}/.test(c)) return '第 3-8 位应为行政区划码（6 位数字）'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += ALPHA.indexOf(c[i]) * (3 ** i % 31)
  const due = ALPHA[(31 - (sum % 31)) % 31]
  return due === c[17] ? null : `校验码应为 ${due}`
}

/* usccRule: an el-form rule using usccProblem. */
export const usccRule = {
  trigger: 'blur',
  validator: (_rule, value, cb) => {
    const p = usccProblem(value)
    cb(p ? new Error(p) : undefined)
  }
}
