// cases.js - 行政执法 (/cases, /officers, /powers, /evidence): enforcement cases with their
// lifecycle actions, on-site acts and evidence uploads; officers and their certificates;
// the powers list (权责清单). Mirrors the T_ENF rows of src/http/routes.c.
import { ElMessage } from 'element-plus'
import { ApiError, get, post, put } from './request'
import { userStore } from '@/store/user'

// 查询执法案件列表（分页；筛选 q stage（含 open）kind dept_id flag）
export const listCase = (query) => get('/cases', query)
// 查询案件详情（含执法人员、执法活动、证据、全过程记录清单 checklist、时间线 events 与可执行操作 allowed_actions）
export const getCase = (id, opts) => get(`/cases/${id}`, undefined, opts)
// 登记案件或检查（至少两名持有效执法证的执法人员，第四十二条）
export const addCase = (data, opts) => post('/cases', data, opts)
// 案件流转：{action, ...}（批准立案、告知、陈述申辩、听证、法制审核、决定、送达、公示、执行、结案……）
export const actCase = (id, data, opts) => post(`/cases/${id}/actions`, data, opts)
// 引用法律依据：citations [{regulation_id, article}]，按违法行为日期（无则立案日）取当日施行的版本
export const citeCase = (id, citations, opts) => post(`/cases/${id}/actions`, { action: 'cite', citations }, opts)
// 先行登记保存（第五十六条）与回避（第四十三条）：request_preservation approve_preservation preserve
// handle_preservation apply_recusal decide_recusal，均为 {action, ...}
export const actCaseMore = (id, action, data, opts) => post(`/cases/${id}/actions`, { action, ...data }, opts)
// 记录现场执法活动（检查、询问、取证；至少两名执法人员）
export const addCaseAct = (id, data, opts) => post(`/cases/${id}/acts`, data, opts)
// 证据信息（SHA-256、SM3）
export const getEvidence = (id) => get(`/evidence/${id}`)
// 证据文件下载地址（同源，带会话 Cookie）
export const evidenceFileUrl = (id) => `/api/v1/evidence/${id}/file`

// 查询执法人员与执法证件（可选 q：姓名或证号）
export const listOfficer = (query, opts) => get('/officers', query, opts)
// 查询执法人员详情
export const getOfficer = (id) => get(`/officers/${id}`)
// 登记执法人员（证号、种类、发证机关、有效期）
export const addOfficer = (data) => post('/officers', data)
// 修改执法证件（暂扣、吊销、续期；带版本号）
export const updateOfficer = (id, data) => put(`/officers/${id}`, data)

// 查询权责清单
export const listPower = (opts) => get('/powers', undefined, opts)
// 新增权责事项（返回新的清单）
export const addPower = (data) => post('/powers', data)

/* csrf: the session's CSRF token (from the signed-in user, else from GET /me). */
async function csrf() {
  if (userStore.user && userStore.user.csrf_token) return userStore.user.csrf_token
  const me = await get('/me', undefined, { silent: true })
  return me.csrf_token
}

/**
 * 上传证据（multipart/form-data：record、kind、description、act_id、file），返回 {id, sha256, sm3, size, …}。
 * onProgress(percent) follows the upload. Like request(), a failure shows the server's
 * message and rejects with an ApiError {status, code, message, field}.
 */
export async function uploadEvidence(caseId, fields, file, onProgress) {
  const token = await csrf()
  const form = new FormData()
  for (const [k, v] of Object.entries(fields || {})) {
    if (v !== undefined && v !== null && v !== '') form.append(k, String(v))
  }
  form.append('file', file, file.name)
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    const fail = (err) => {
      ElMessage({ type: 'error', message: err.message, grouping: true })
      reject(err)
    }
    xhr.open('POST', `/api/v1/cases/${caseId}/evidence`)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('X-CSRF-Token', token)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onerror = () => fail(new ApiError(0, 'network_error', '网络错误，无法连接服务器', null))
    xhr.onload = () => {
      let body = null
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        body = null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (onProgress) onProgress(100)
        resolve(body)
        return
      }
      const e = body && body.error
      fail(e && e.message
        ? new ApiError(xhr.status, e.code || 'error', e.message, e.field)
        : new ApiError(xhr.status, 'http_' + xhr.status, `请求失败（${xhr.status}）`, null))
    }
    xhr.send(form)
  })
}
