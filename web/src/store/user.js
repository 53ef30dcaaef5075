// user.js - the signed-in user, shared by the guard, the layout and v-hasPermi.
// Exports userStore (reactive), loadMe(), setUser(), resetUser(), hasPermi().
// Invariant: userStore.loaded is true only after /me or login filled it; the CSRF token
// in request.js is set at the same moment.
import { reactive } from 'vue'
import { getMe } from '@/api/auth'
import { setCsrfToken } from '@/api/request'

export const userStore = reactive({
  loaded: false,
  user: null,        // the /me object
  permissions: []    // permission codes, e.g. 'system:user:read'
})

/* setUser: take a /me-shaped user (csrf_token may be given separately). */
export function setUser(user, csrfToken) {
  userStore.user = user
  userStore.permissions = Array.isArray(user.permissions) ? user.permissions : []
  userStore.loaded = true
  setCsrfToken(csrfToken || user.csrf_token)
}

/* resetUser: forget the user (logout, 401). */
export function resetUser() {
  userStore.loaded = false
  userStore.user = null
  userStore.permissions = []
  setCsrfToken('')
}

/* loadMe: GET /me into the store; rejects with the ApiError (401 when not signed in). */
export async function loadMe() {
  const me = await getMe({ silent: true, noRedirect: true })
  setUser(me)
  return me
}

/* hasPermi: true when the user holds any of perms (a string or an array). */
export function hasPermi(perms) {
  const list = Array.isArray(perms) ? perms : [perms]
  if (list.length === 0) return true
  const own = userStore.permissions
  if (own.includes('*') || own.includes('*:*:*')) return true
  return list.some((p) => own.includes(p))
}
