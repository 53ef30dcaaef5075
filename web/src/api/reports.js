// reports.js - 法治政府建设年度报告 and 领导驾驶舱 (/reports): the report list, one report with
// its sections and flow, section edits, flow actions, the figures of a period (the same
// table the report's appendix lists) and the document downloads.
import { get, post, put } from './request'

// 查询年度报告列表（状态、报送与公开期限提示）
export const listReport = (opts) => get('/reports', undefined, opts)
// 创建年度报告 {year}
export const addReport = (year) => post('/reports', { year })
// 查询年度报告详情（各部分、校验、期限、流转记录、可执行操作）
export const getReport = (year, opts) => get(`/reports/${year}`, undefined, opts)
// 修改报告的一个部分（0 导语，1-5 必备部分）{body, version}
export const updateSection = (year, n, data, opts) => put(`/reports/${year}/sections/${n}`, data, opts)
// 年度报告流转 {action, ...}：submit_review approve return confidentiality_review submit publish
export const actReport = (year, data, opts) => post(`/reports/${year}/actions`, data, opts)
// 查询年度报告的统计指标（已发布报告另附发布时的快照）
export const getReportFigures = (year, opts) => get(`/reports/${year}/figures`, undefined, opts)
// 查询任一期间的统计指标与分项数据（领导驾驶舱）{from, to}
export const getFigures = (query, opts) => get('/reports/figures', query, opts)
// 年度报告文件地址（docx html md pdf）；html 加 download=1 为下载
export const documentUrl = (year, format, download) =>
  `/api/v1/reports/${year}/document.${format}${download ? '?download=1' : ''}`
