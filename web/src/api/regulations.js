// regulations.js - 政策法规库 (/regulations): list, detail with versions, create with the
// first version, metadata/repeal, new versions, the articles of a version, citations of an
// article in the version in force on a day, and full-text search over the articles.
import { get, post, put } from './request'

// 查询法规列表（分页；筛选 level status dept q）
export const listRegulation = (query, opts) => get('/regulations', query, opts)
// 查询法规详情（适用部门、各版本及施行期间）
export const getRegulation = (id, opts) => get(`/regulations/${id}`, undefined, opts)
// 新增法规及首个版本（full_text 按“第…条”拆分，或 articles 数组）
export const addRegulation = (data) => post('/regulations', data)
// 修改法规信息、适用部门，或废止 / 恢复施行（带版本号 version）
export const updateRegulation = (id, data) => put(`/regulations/${id}`, data)
// 新增修订版本（原版本标记为已修订）
export const addRegulationVersion = (id, data) => post(`/regulations/${id}/versions`, data)
// 查询某版本的全部条文（version 省略为最新版本）
export const listArticles = (id, version, opts) =>
  get(`/regulations/${id}/articles`, { version }, opts)
// 引用条文：{id, article, date} 取当日施行的版本，或 {ref: 'reg/ID/vN/art/M'}
export const citeArticle = (query, opts) => get('/regulations/cite', query, opts)
// 条文全文检索（q 必填；status level dept 筛选；分页）
export const searchRegulation = (query, opts) => get('/regulations/search', query, opts)
