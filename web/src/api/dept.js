// dept.js - 部门管理 (/departments); the list is flat, the tree is built client-side.
import { get, post, put, del } from './request'

// 查询部门列表（平铺）
export const listDept = (opts) => get('/departments', undefined, opts)
// 新增部门
export const addDept = (data) => post('/departments', data)
// 修改部门
export const updateDept = (id, data) => put(`/departments/${id}`, data)
// 删除部门（有下级或用户时 409）
export const delDept = (id) => del(`/departments/${id}`)
