// role.js - 角色管理 (/roles) and the permission catalogue (/permissions).
import { get, post, put } from './request'

// 查询角色列表
export const listRole = (opts) => get('/roles', undefined, opts)
// 新增角色
export const addRole = (data) => post('/roles', data)
// 修改角色（名称、数据范围、权限）
export const updateRole = (id, data) => put(`/roles/${id}`, data)
// 查询全部权限（按模块分组显示）
export const listPermission = (opts) => get('/permissions', undefined, opts)
