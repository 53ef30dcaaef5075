// modal.js - confirm() and ok(): the confirmation box and success toast every page uses.
// The confirm button carries class "msgbox-confirm" for browser tests.
import { ElMessage, ElMessageBox } from 'element-plus'

/* confirm: resolves when the user confirms, rejects on cancel. */
export function confirm(message, title = '系统提示') {
  return ElMessageBox.confirm(message, title, {
    type: 'warning',
    confirmButtonText: '确定',
    cancelButtonText: '取消',
    confirmButtonClass: 'msgbox-confirm',
    cancelButtonClass: 'msgbox-cancel'
  })
}

/* ok: a short success toast. */
export function ok(message) {
  ElMessage({ type: 'success', message, grouping: true })
}
