// permission.js - the route guard: fetches /me once, sends to /login on 401, forces
// /change-password while must_change_password, refuses routes whose meta.perm the user
// lacks (-> /403). Also installs the request wrapper's 401 handler. The server is the
// authority; this only keeps the user away from pages the server would refuse.
import { ElMessage } from 'element-plus'
import router from '@/router'
import settings from '@/settings'
import { onUnauthorized } from '@/api/request'
import { hasPermi, loadMe, resetUser, userStore } from '@/store/user'

/* loginRedirect: the /login location that returns to fullPath afterwards. */
function loginRedirect(fullPath) {
  const q = fullPath && fullPath !== '/' && !fullPath.startsWith('/login') ? { redirect: fullPath } : {}
  return { path: '/login', query: q }
}

onUnauthorized(() => {
  const cur = router.currentRoute.value
  resetUser()
  if (!cur.meta.public) router.replace(loginRedirect(cur.fullPath))
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!userStore.loaded) {
    try {
      await loadMe()
    } catch (e) {
      if (e.status !== 401) ElMessage({ type: 'error', message: e.message, grouping: true })
      return loginRedirect(to.fullPath)
    }
  }
  if (userStore.user.must_change_password && to.path !== '/change-password') {
    return { path: '/change-password' }
  }
  if (to.meta.perm && !hasPermi(to.meta.perm)) return { path: '/403' }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - ${settings.title}` : settings.title
})
