// workorders.js - 12345工单 (/workorders): list, detail with timeline, registration, the
// lifecycle actions, bulk dispatch, figures, categories and deadline rules.
import { get, post, put } from './request'

// 查询工单列表（分页；筛选 q status category channel urgency dept_id from to flag；排序 sort）
export const listWorkorder = (query) => get('/workorders', query)
// 查询工单详情（含办理时间线 events 与当前可执行操作 allowed_actions）
export const getWorkorder = (id, opts) => get(`/workorders/${id}`, undefined, opts)
// 登记工单（带 dept_id 时同时派单）
export const addWorkorder = (data) => post('/workorders', data)
// 工单流转：{action, ...}（派单、签收、退单、办理、答复、回访、办结、延期、督办……）
export const actWorkorder = (id, data, opts) => post(`/workorders/${id}/actions`, data, opts)
// 批量派单（全部成功或全部不派）
export const bulkDispatch = (ids, deptId) => post('/workorders/bulk-dispatch', { ids, dept_id: deptId })
// 工单统计（from、to 必填；可选 dept_id、category）
export const getWorkorderStats = (query) => get('/workorders/stats', query)
// 查询工单类别
export const listCategory = (opts) => get('/workorders/categories', undefined, opts)
// 查询签收与答复时限规则
export const listRule = (opts) => get('/workorders/rules', undefined, opts)
// 修改时限规则（带版本号）
export const updateRule = (id, data) => put(`/workorders/rules/${id}`, data)
