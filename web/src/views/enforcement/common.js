// common.js - helpers the 行政执法 screens share: a certificate's validity today, hashes
// shortened for display, copying to the clipboard, money and penalty texts, dates, and the
// dialog state of the case page's cards.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { dictLabel } from '@/utils/dict'
import { formatTime } from '@/utils/format'
import { fieldErrors } from '@/utils/formErrors'

/* today: 'YYYY-MM-DD' in the server's zone. */
export function today() {
  return formatTime(new Date().toISOString()).slice(0, 10)
}

/* validity: what an officer's certificate is today: valid | expired | not_yet |
 * suspended | revoked (the server's valid_now decides 'valid'). */
export function validity(o) {
  if (!o) return 'expired'
  if (o.status && o.status !== 'valid') return o.status
  if (o.valid_now === true) return 'valid'
  const d = today()
  if (o.valid_from && o.valid_from > d) return 'not_yet'
  if (o.valid_until && o.valid_until < d) return 'expired'
  return o.valid_now === false ? 'expired' : 'valid'
}

/* shortHash: 'abcdef12…9876fedc' for a long hex digest. */
export function shortHash(h) {
  if (!h) return ''
  return h.length > 20 ? `${h.slice(0, 8)}…${h.slice(-8)}` : h
}

/* copyText: put text on the clipboard (falls back to a hidden textarea). */
export async function copyText(text, what = '内容') {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
    } else {
      const ta = document.createElement('textarea')
      ta.value = text
      ta.style.position = 'fixed'
      ta.style.opacity = '0'
      document.body.appendChild(ta)
      ta.select()
      document.execCommand('copy')
      ta.remove()
    }
    ElMessage({ type: 'success', message: `已复制${what}`, grouping: true })
  } catch {
    ElMessage({ type: 'warning', message: '复制失败，请手动选择复制', grouping: true })
  }
}

/* money: 2000 -> '2,000.00 元'. */
export function money(n) {
  if (n === null || n === undefined || n === '') return ''
  return Number(n).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + ' 元'
}

/* penaltyText: {kinds:['fine'], fine:2000} -> '罚款（2,000.00 元）'; '' when empty. */
export function penaltyText(p) {
  if (!p || !Array.isArray(p.kinds) || !p.kinds.length) return ''
  return p.kinds.map((k) => (k === 'fine' && p.fine ? `罚款（${money(p.fine)}）` : dictLabel('penaltyKind', k))).join('、')
}

/* day: the date part of a server timestamp ('' for none). */
export function day(ts) {
  return ts ? formatTime(ts).slice(0, 10) : ''
}

/* minute: a server timestamp to the minute. */
export function minute(ts) {
  return ts ? formatTime(ts).slice(0, 16) : ''
}

/* fileSize: 12345 -> '12.1 KB'. */
export function fileSize(n) {
  if (!n && n !== 0) return ''
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/**
 * useCardDialog(emit): the state of a case card's dialog (法律依据, 先行登记保存, 回避) and
 * run(label, request), which sends request(), closes the dialog and emits done {label, c}
 * with the case the server answered; on failure the server's message stays in the dialog
 * (serverError) and error.field is marked on the form (errs).
 */
export function useCardDialog(emit) {
  const open = ref(false)
  const saving = ref(false)
  const serverError = ref(null)
  const errs = fieldErrors()
  async function run(label, request) {
    if (saving.value) return
    saving.value = true
    serverError.value = null
    errs.clear()
    try {
      const c = await request()
      open.value = false
      emit('done', { label, c })
    } catch (e) {
      serverError.value = { message: e.message, code: e.code }
      if (e.field !== 'action') errs.take(e)
    } finally {
      saving.value = false
    }
  }
  function reset() {
    serverError.value = null
    errs.clear()
    open.value = true
  }
  return { open, saving, serverError, errs, run, reset }
}
