// duties.js - 组织领导、普法责任清单、学法任务 (/leading-group/members, /duties,
// /pufa-duties, /learning-tasks), one function per route of the server's table.
import { get, post, put } from './request'
import { downloadXlsx } from './registries'

// 查询领导小组成员（date：某日的组成）
export const listMember = (query) => get('/leading-group/members', query)
// 登记领导小组成员
export const addMember = (data) => post('/leading-group/members', data)
// 修改领导小组成员（截止日期；带版本号）
export const updateMember = (id, data) => put(`/leading-group/members/${id}`, data)

// 查询责任分工（year/status/dept_id/flag=overdue）
export const listDuty = (query) => get('/duties', query)
// 导出责任分工 XLSX（同列表筛选）
export const exportDuty = (query) => downloadXlsx('/duties/export.xlsx', query, '责任分工.xlsx')
// 查询责任分工详情
export const getDuty = (id) => get(`/duties/${id}`)
// 登记责任分工
export const addDuty = (data) => post('/duties', data)
// 修改责任分工（带版本号；已完成须填写佐证）
export const updateDuty = (id, data) => put(`/duties/${id}`, data)

// 查询谁执法谁普法责任清单
export const listPufaDuty = (query) => get('/pufa-duties', query)
// 各执法部门普法进度
export const pufaProgress = (query) => get('/pufa-duties/progress', query)
// 登记普法责任
export const addPufaDuty = (data) => post('/pufa-duties', data)
// 修改普法责任（带版本号）
export const updatePufaDuty = (id, data) => put(`/pufa-duties/${id}`, data)

// 查询学法任务（mine=1 本人；origin=manual|version|teaching）
export const listLearning = (query) => get('/learning-tasks', query)
// 学法任务完成情况（按批次）
export const learningBatches = (query) => get('/learning-tasks/batches', query)
// 布置学法任务（按部门）
export const addLearning = (data) => post('/learning-tasks', data)
// 按法规的适用部门布置学法任务
export const addLearningFromRegulation = (id, data) => post(`/learning-tasks/from-regulation/${id}`, data)
// 完成本人的学法任务
export const completeLearning = (id, data) => post(`/learning-tasks/${id}/complete`, data)
