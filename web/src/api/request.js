// request.js - the one fetch wrapper every API file goes through (views never call fetch).
// Exports request(), get/post/put/del, setCsrfToken(), onUnauthorized(), ApiError.
// Invariant: every failure rejects with an ApiError {status, code, message, field} after
// showing error.message (unless opts.silent); a 401 also calls the unauthorized handler.
import { ElMessage } from 'element-plus'

const BASE = '/api/v1'

let csrfToken = ''
let unauthorizedHandler = null

/* ApiError: the server's {"error":{code,message,field}} plus the HTTP status. */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field || null
  }
}

/* setCsrfToken: remember the token from login or GET /me; sent on every non-GET. */
export function setCsrfToken(token) {
  csrfToken = token || ''
}

/* onUnauthorized: fn(error) runs on a 401 outside login (the route guard sends to /login). */
export function onUnauthorized(fn) {
  unauthorizedHandler = fn
}

/* buildQuery: '?a=1&b=x' from params, skipping undefined, null and '' values. */
function buildQuery(params) {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    q.append(k, String(v))
  }
  const s = q.toString()
  return s ? '?' + s : ''
}

/* parseBody: the JSON body, or null when empty or not JSON. */
async function parseBody(res) {
  if (res.status === 204) return null
  const text = await res.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/* toError: an ApiError from a failed response and its parsed body. */
function toError(res, body) {
  const e = body && body.error
  if (e && e.message) return new ApiError(res.status, e.code || 'error', e.message, e.field)
  const msg = res.status >= 500 ? `服务器错误（${res.status}）` : `请求失败（${res.status}）`
  return new ApiError(res.status, 'http_' + res.status, msg, null)
}

/* fail: show the message, run the 401 handler when due, and reject with err. */
function fail(err, opts) {
  if (!opts.silent) ElMessage({ type: 'error', message: err.message, grouping: true })
  if (err.status === 401 && !opts.noRedirect && unauthorizedHandler) unauthorizedHandler(err)
  return Promise.reject(err)
}

/**
 * request: call the API. method 'GET'|'POST'|'PUT'|'DELETE'; url relative to /api/v1.
 * opts: params (query object), data (JSON body), silent (no ElMessage),
 * noRedirect (a 401 does not go to /login). Resolves with the parsed body (null on 204).
 */
export async function request(method, url, opts = {}) {
  const headers = { Accept: 'application/json' }
  const init = { method, headers, credentials: 'same-origin' }
  if (opts.data !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(opts.data)
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(BASE + url + buildQuery(opts.params), init)
  } catch {
    return fail(new ApiError(0, 'network_error', '网络错误，无法连接服务器', null), opts)
  }
  const body = await parseBody(res)
  if (!res.ok) return fail(toError(res, body), opts)
  return body
}

export const get = (url, params, opts) => request('GET', url, { ...opts, params })
export const post = (url, data, opts) => request('POST', url, { ...opts, data })
export const put = (url, data, opts) => request('PUT', url, { ...opts, data })
export const del = (url, opts) => request('DELETE', url, opts)

export default request
