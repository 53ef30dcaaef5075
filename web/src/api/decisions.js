// decisions.js - 重大行政决策 (/decisions), 决策事项目录 (/decision-catalogues), 集体决策会议
// (/meetings, /meeting-bodies) and 重大事项 (/matters, /matter-kinds): one function per route.
import { ElMessage } from 'element-plus'
import { ApiError, get, post, put } from './request'
import { userStore } from '@/store/user'

// 查询决策列表（q status org year，from/to decided_from/decided_to published_from/published_to review_overdue，分页）
export const listDecision = (query) => get('/decisions', query)
// 查询决策详情（法定程序各环节、记录、材料、可执行与受阻的操作）
export const getDecision = (id, opts) => get(`/decisions/${id}`, undefined, opts)
// 启动决策
export const addDecision = (data) => post('/decisions', data)
// 决策程序操作 {action, ...}（违反程序时 409 procedure_violation）
export const actDecision = (id, data, opts) => post(`/decisions/${id}/actions`, data, opts)
// 上传某一环节的材料 {step, name, text | content_base64, mime}
export const attachDocument = (id, data) => post(`/decisions/${id}/documents`, data)
/**
 * 上传某一环节的材料文件（multipart/form-data：step、file；存入文件库，不受 1 MiB 请求体限制），
 * 返回 {id, name, size, sha256, sm3, store}。失败时提示服务器的消息并以 ApiError 拒绝。
 */
export async function uploadDecisionFile(id, step, file) {
  const token = (userStore.user && userStore.user.csrf_token) || (await get('/me', undefined, { silent: true })).csrf_token
  const form = new FormData()
  form.append('step', step)
  form.append('file', file, file.name)
  const r = await fetch(`/api/v1/decisions/${id}/files`, {
    method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'X-CSRF-Token': token }
  })
  const body = await r.json().catch(() => null)
  if (r.ok) return body
  const e = (body && body.error) || {}
  const err = new ApiError(r.status, e.code || 'http_' + r.status, e.message || `请求失败（${r.status}）`, e.field || null)
  ElMessage({ type: 'error', message: err.message, grouping: true })
  throw err
}
// 材料下载地址
export const documentUrl = (id, doc) => `/api/v1/decisions/${id}/documents/${doc}`
// 归档包下载地址
export const archiveUrl = (id) => `/api/v1/decisions/${id}/archive.zip`

// 查询决策事项目录
export const listCatalogue = (opts) => get('/decision-catalogues', undefined, opts)
// 查询目录详情
export const getCatalogue = (id) => get(`/decision-catalogues/${id}`)
// 编制目录 {year, title, items}
export const addCatalogue = (data) => post('/decision-catalogues', data)
// 修改草稿目录（带版本号）
export const updateCatalogue = (id, data) => put(`/decision-catalogues/${id}`, data)
// 目录经党委同意 / 向社会公布 {action, date}
export const actCatalogue = (id, data) => post(`/decision-catalogues/${id}/actions`, data)

// 查询议事机构及成员
export const listBody = (opts) => get('/meeting-bodies', undefined, opts)
// 修改议事机构成员与法定人数（带版本号）
export const updateBody = (id, data) => put(`/meeting-bodies/${id}`, data)
// 查询会议列表
export const listMeeting = (query) => get('/meetings', query)
// 查询会议详情
export const getMeeting = (id) => get(`/meetings/${id}`)
// 组织会议（含议题）
export const addMeeting = (data) => post('/meetings', data)
// 修改会议信息或纪要（带版本号）
export const updateMeeting = (id, data) => put(`/meetings/${id}`, data)
// 增加议题
export const addItem = (id, data) => post(`/meetings/${id}/items`, data)
// 登记出席情况
export const setAttendance = (id, attendees) => post(`/meetings/${id}/attendance`, { attendees })
// 登记与会人员意见
export const setOpinions = (id, item, opinions) => post(`/meetings/${id}/items/${item}/opinions`, { opinions })
// 对议题作出决定
export const decideItem = (id, item, data, opts) => post(`/meetings/${id}/items/${item}/decide`, data, opts)
// 结束会议（纪要定稿）
export const closeMeeting = (id, minutes) => post(`/meetings/${id}/close`, { minutes })
// 会议纪要 DOCX 下载地址
export const minutesUrl = (id) => `/api/v1/meetings/${id}/minutes.docx`

// 查询重大事项类别
export const listMatterKind = (opts) => get('/matter-kinds', undefined, opts)
// 查询事项
export const listMatter = (query) => get('/matters', query)
// 登记事项
export const addMatter = (data) => post('/matters', data)
// 对事项作出决定（重大事项只能经会议决定）
export const decideMatter = (id, data) => post(`/matters/${id}/decide`, data)
