// user.js - 用户管理 (/users).
import { get, post, put } from './request'

// 查询用户列表
export const listUser = (query) => get('/users', query)
// 查询用户详情
export const getUser = (id) => get(`/users/${id}`)
// 新增用户
export const addUser = (data) => post('/users', data)
// 修改用户（含启用/停用）
export const updateUser = (id, data) => put(`/users/${id}`, data)
// 重置用户密码（下次登录须修改）
export const resetUserPwd = (id, password) => post(`/users/${id}/reset-password`, { password })
// 解锁用户
export const unlockUser = (id) => post(`/users/${id}/unlock`)
