// teaching.js - 以案说法教学材料 (/teaching, /cases/{id}/teaching), one function per route of
// the server's table. The server anonymises every text; the UI only shows what it returns.
import { get, post, put } from './request'

// 查询教学材料（q/status/case_id）
export const listTeaching = (query) => get('/teaching', query)
// 教学材料详情
export const getTeaching = (id) => get(`/teaching/${id}`)
// 从已结案件生成教学材料草稿
export const teachingFromCase = (caseId) => post(`/cases/${caseId}/teaching`, {})
// 修改草稿（带版本号）
export const updateTeaching = (id, data) => put(`/teaching/${id}`, data)
// 提交审核
export const submitTeaching = (id) => post(`/teaching/${id}/submit`, {})
// 退回修改（审核意见）
export const returnTeaching = (id, comment) => post(`/teaching/${id}/return`, { comment })
// 审核发布（发布后不可修改）
export const publishTeaching = (id, comment) => post(`/teaching/${id}/publish`, { comment })
// 关联以案说法普法活动（null 取消）
export const linkTeachingActivity = (id, activityId) => put(`/teaching/${id}/activity`, { activity_id: activityId })
// 以教学材料布置学法任务
export const teachingLearning = (id, data) => post(`/teaching/${id}/learning-tasks`, data)
