// auth.js - login, logout, password change and the current user (/auth/*, /me).
import { get, post } from './request'

// 登录
export const login = (username, password) =>
  post('/auth/login', { username, password }, { noRedirect: true, silent: true })
// 退出登录
export const logout = () => post('/auth/logout', undefined, { noRedirect: true, silent: true })
// 修改本人密码
export const changePassword = (oldPassword, newPassword) =>
  post('/auth/password', { old_password: oldPassword, new_password: newPassword }, { noRedirect: true })
// 当前用户信息（含权限与 CSRF 令牌）
export const getMe = (opts) => get('/me', undefined, opts)
