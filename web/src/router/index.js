// router/index.js - every route of the UI, one row each. meta: title (menu and page title),
// icon (menu), perm (permission needed to see it; also filters the menu), testId (the menu
// item's data-test), public (no login needed), hidden (not in the menu).
// A new module adds its block to `routes`; the menu and the guard follow from the table.
import { createRouter, createWebHistory } from 'vue-router'
import Layout from '@/layout/index.vue'

export const routes = [
  {
    path: '/login',
    component: () => import('@/views/login.vue'),
    meta: { title: '登录', public: true, hidden: true }
  },
  {
    path: '/change-password',
    component: () => import('@/views/change-password.vue'),
    meta: { title: '修改密码', hidden: true }
  },
  {
    path: '/',
    component: Layout,
    redirect: '/index',
    children: [
      {
        path: 'index',
        component: () => import('@/views/index.vue'),
        meta: { title: '首页', icon: 'HomeFilled', testId: 'menu-home' }
      },
      {
        path: '403',
        component: () => import('@/views/error/403.vue'),
        meta: { title: '无权访问', hidden: true }
      }
    ]
  },
  // -- workorders (issue 4) --
  // -- registries (issue 7) --
  {
    path: '/system',
    component: Layout,
    redirect: '/system/user',
    meta: { title: '系统管理', icon: 'Setting', testId: 'menu-system' },
    children: [
      {
        path: 'user',
        component: () => import('@/views/system/user/index.vue'),
        meta: { title: '用户管理', icon: 'User', perm: 'system:user:read', testId: 'menu-users' }
      },
      {
        path: 'dept',
        component: () => import('@/views/system/dept/index.vue'),
        meta: { title: '部门管理', icon: 'OfficeBuilding', perm: 'system:dept:read', testId: 'menu-depts' }
      },
      {
        path: 'role',
        component: () => import('@/views/system/role/index.vue'),
        meta: { title: '角色管理', icon: 'UserFilled', perm: 'system:role:read', testId: 'menu-roles' }
      },
      {
        path: 'audit',
        component: () => import('@/views/system/audit/index.vue'),
        meta: { title: '操作日志', icon: 'Document', perm: 'system:audit:read', testId: 'menu-audit' }
      },
      {
        path: 'loginlog',
        component: () => import('@/views/system/loginlog/index.vue'),
        meta: { title: '登录日志', icon: 'Tickets', perm: 'system:loginlog:read', testId: 'menu-loginlog' }
      }
    ]
  },
  {
    path: '/:pathMatch(.*)*',
    component: () => import('@/views/error/404.vue'),
    meta: { title: '页面不存在', public: true, hidden: true }
  }
]

const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 })
})

export default router
