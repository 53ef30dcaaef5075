// counsel.js - 合法性审查与法律顾问: review requests (/reviews), opinion letters, figures,
// law firms, lawyers (/counsels) and engagements: one function per route.
import { get, post, put } from './request'

// 查询审查申请（mine=1 我的审查任务；q kind status from to overdue counsel_id decision_id）
export const listReview = (query, opts) => get('/reviews', query, opts)
// 查询审查申请详情（材料、过程、法律意见书、可执行操作）
export const getReview = (id) => get(`/reviews/${id}`)
// 提交审查申请
export const addReview = (data) => post('/reviews', data)
// 指派法律顾问
export const assignReview = (id, counselId) => post(`/reviews/${id}/assign`, { counsel_id: counselId })
// 退回补充材料
export const returnReview = (id, reason) => post(`/reviews/${id}/return`, { reason })
// 补充材料后重新提交
export const resubmitReview = (id, data) => post(`/reviews/${id}/resubmit`, data)
// 出具法律意见书
export const answerReview = (id, data) => post(`/reviews/${id}/opinion`, data)
// 法律意见书 DOCX 下载地址
export const letterUrl = (id) => `/api/v1/reviews/${id}/letter.docx`
// 材料下载地址
export const attachmentUrl = (id, att) => `/api/v1/reviews/${id}/attachments/${att}`
// 审查统计（from to 必填）
export const reviewStats = (query) => get('/reviews/stats', query)
// 查询律师事务所（含律师与聘用）
export const listFirm = (opts) => get('/law-firms', undefined, opts)
// 登记律师事务所
export const addFirm = (data) => post('/law-firms', data)
// 修改律师事务所（带版本号）
export const updateFirm = (id, data) => put(`/law-firms/${id}`, data)
// 登记律师
export const addLawyer = (firmId, data) => post(`/law-firms/${firmId}/lawyers`, data)
// 查询法律顾问（律师）
export const listCounsel = (opts) => get('/counsels', undefined, opts)
// 查询聘用合同
export const listEngagement = (opts) => get('/engagements', undefined, opts)
// 登记聘用合同
export const addEngagement = (data) => post('/engagements', data)
