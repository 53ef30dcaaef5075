// audit.js - 操作日志 (/audit): the entries, an entry's inclusion proof, the signed head.
import { get } from './request'

// 查询操作日志
export const listAudit = (query) => get('/audit', query)
// 获取日志条目的包含证明
export const getAuditProof = (seq) => get(`/audit/${seq}/proof`)
// 获取已签名的日志树头
export const getAuditHead = (opts) => get('/audit/head', undefined, opts)
