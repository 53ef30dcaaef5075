// registries.js - 企业与信用、普法与学习 (/enterprises, /commitments, /briefings, /breaches,
// /activities, /service-requests, /service-visits, /financing-contacts, /registries/stats),
// one function per route of the server's table. Three calls are not JSON:
// importEnterprises() posts the file itself (CSV or XLSX), uploadCommitmentScan() posts a
// multipart form and downloadXlsx() saves an export; they still send the CSRF token and
// show the server's error.message like request() does.
import { ElMessage } from 'element-plus'
import { ApiError, get, post, put } from './request'
import { userStore } from '@/store/user'

const BASE = '/api/v1'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// 查询企业名录
export const listEnterprise = (query) => get('/enterprises', query)
// 查询企业详情
export const getEnterprise = (id) => get(`/enterprises/${id}`)
// 登记企业
export const addEnterprise = (data) => post('/enterprises', data)
// 修改企业（带版本号）
export const updateEnterprise = (id, data) => put(`/enterprises/${id}`, data)
// 企业信用页：承诺书、诚信经营宣讲、违诺记录
export const getEnterpriseCredit = (id) => get(`/enterprises/${id}/credit`)

// 查询信用承诺书
export const listCommitment = (query) => get('/commitments', query)
// 查询承诺书详情
export const getCommitment = (id) => get(`/commitments/${id}`)
// 登记承诺书
export const addCommitment = (data) => post('/commitments', data)
// 修改承诺书（带版本号）
export const updateCommitment = (id, data) => put(`/commitments/${id}`, data)

// 查询诚信经营宣讲
export const listBriefing = (query) => get('/briefings', query)
// 查询宣讲详情
export const getBriefing = (id) => get(`/briefings/${id}`)
// 登记宣讲
export const addBriefing = (data) => post('/briefings', data)
// 修改宣讲（带版本号）
export const updateBriefing = (id, data) => put(`/briefings/${id}`, data)

// 查询违诺记录
export const listBreach = (query) => get('/breaches', query)
// 查询违诺记录详情
export const getBreach = (id) => get(`/breaches/${id}`)
// 登记违诺记录
export const addBreach = (data) => post('/breaches', data)
// 修改违诺记录（带版本号）
export const updateBreach = (id, data) => put(`/breaches/${id}`, data)

// 查询普法、反诈、学习活动（group: pufa | anti_fraud | study）
export const listActivity = (query) => get('/activities', query)
// 活动类型及各类型适用、必填的字段
export const listActivityKinds = () => get('/activities/kinds')
// 查询活动详情
export const getActivity = (id) => get(`/activities/${id}`)
// 登记活动
export const addActivity = (data) => post('/activities', data)
// 修改活动（带版本号，类型不可改）
export const updateActivity = (id, data) => put(`/activities/${id}`, data)

// 企业服务页：双万双服诉求、走访记录、信易贷对接
export const getEnterpriseService = (id) => get(`/enterprises/${id}/service`)

// 查询双万双服企业诉求
export const listServiceRequest = (query) => get('/service-requests', query)
// 企业服务登记的代码表（来源、类别、状态、信易贷方式与结果）
export const listServiceCodes = () => get('/service-requests/codes')
// 查询企业诉求详情
export const getServiceRequest = (id) => get(`/service-requests/${id}`)
// 登记企业诉求
export const addServiceRequest = (data) => post('/service-requests', data)
// 修改、办结企业诉求（带版本号）
export const updateServiceRequest = (id, data) => put(`/service-requests/${id}`, data)

// 查询走访企业记录
export const listServiceVisit = (query) => get('/service-visits', query)
// 查询走访记录详情（含由走访形成的诉求）
export const getServiceVisit = (id) => get(`/service-visits/${id}`)
// 登记走访企业
export const addServiceVisit = (data) => post('/service-visits', data)
// 修改走访记录（带版本号）
export const updateServiceVisit = (id, data) => put(`/service-visits/${id}`, data)

// 查询信易贷宣传对接记录
export const listFinancing = (query) => get('/financing-contacts', query)
// 查询信易贷对接记录详情
export const getFinancing = (id) => get(`/financing-contacts/${id}`)
// 登记信易贷宣传对接
export const addFinancing = (data) => post('/financing-contacts', data)
// 修改信易贷对接记录（带版本号）
export const updateFinancing = (id, data) => put(`/financing-contacts/${id}`, data)

// 承诺书扫描件的地址（GET，浏览器内打开）
export const commitmentScanUrl = (id) => `${BASE}/commitments/${id}/scan`

// 期间汇总（from、to 为 YYYY-MM-DD）
export const getRegistryStats = (query) => get('/registries/stats', query)

/* csrf: the session's CSRF token (from the signed-in user, else from GET /me). */
async function csrf() {
  if (userStore.user && userStore.user.csrf_token) return userStore.user.csrf_token
  const me = await get('/me', undefined, { silent: true })
  return me.csrf_token
}

/* failure: show the server's message and reject with an ApiError. */
async function failure(res) {
  let body = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  const e = body && body.error
  const err = e
    ? new ApiError(res.status, e.code, e.message, e.field)
    : new ApiError(res.status, 'http_' + res.status, `请求失败（${res.status}）`, null)
  ElMessage({ type: 'error', message: err.message, grouping: true })
  throw err
}

/* contentType: the type to send for file (by its name when the browser gives none). */
function contentType(file) {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE
  if (/\.csv$/i.test(file.name)) return 'text/csv'
  return file.type || 'application/octet-stream'
}

// 导入企业名录（CSV 或 XLSX 文件），返回 {created, updated, unchanged, total, rejected}
export async function importEnterprises(file) {
  let res
  try {
    res = await fetch(`${BASE}/enterprises/import`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': contentType(file), 'X-CSRF-Token': await csrf(), Accept: 'application/json' },
      body: file
    })
  } catch {
    ElMessage({ type: 'error', message: '网络错误，无法连接服务器', grouping: true })
    throw new ApiError(0, 'network_error', '网络错误，无法连接服务器', null)
  }
  if (!res.ok) return failure(res)
  return res.json()
}

// 上传承诺书扫描件（multipart 字段 file；PDF/JPEG/PNG/TIFF/OFD），返回扫描件记录
export async function uploadCommitmentScan(id, file) {
  const form = new FormData()
  form.append('file', file, file.name)
  let res
  try {
    res = await fetch(`${BASE}/commitments/${id}/scan`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': await csrf(), Accept: 'application/json' },
      body: form
    })
  } catch {
    ElMessage({ type: 'error', message: '网络错误，无法连接服务器', grouping: true })
    throw new ApiError(0, 'network_error', '网络错误，无法连接服务器', null)
  }
  if (!res.ok) return failure(res)
  return res.json()
}

/* fileName: the UTF-8 name of a Content-Disposition header, or fallback. */
function fileName(header, fallback) {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(header || '')
  try {
    return m ? decodeURIComponent(m[1]) : fallback
  } catch {
    return fallback
  }
}

// 下载 XLSX 导出（path 如 '/enterprises/export.xlsx'，query 为列表的筛选条件）
export async function downloadXlsx(path, query, fallback = 'export.xlsx') {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') q.append(k, String(v))
  }
  const qs = q.toString()
  const res = await fetch(BASE + path + (qs ? '?' + qs : ''), { credentials: 'same-origin' })
  if (!res.ok) return failure(res)
  const blob = await res.blob()
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = fileName(res.headers.get('Content-Disposition'), fallback)
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 1000)
}
