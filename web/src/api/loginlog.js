// loginlog.js - 登录日志 (/login-log).
import { get } from './request'

// 查询登录日志
export const listLoginLog = (query) => get('/login-log', query)
