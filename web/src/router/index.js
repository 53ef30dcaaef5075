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
  {
    path: '/workorders',
    component: Layout,
    meta: { title: '12345工单', icon: 'Tickets', testId: 'menu-workorders' },
    children: [
      {
        path: '/workorders',
        component: () => import('@/views/workorders/order/index.vue'),
        meta: { title: '工单台账', icon: 'Document', perm: 'workorder:read', testId: 'menu-wo-list' }
      },
      {
        path: '/workorders/stats',
        component: () => import('@/views/workorders/stats/index.vue'),
        meta: { title: '工单统计', icon: 'Tickets', perm: 'workorder:read', testId: 'menu-wo-stats' }
      },
      {
        path: '/workorders/rules',
        component: () => import('@/views/workorders/rules/index.vue'),
        meta: { title: '时限规则', icon: 'Setting', perm: 'workorder:admin', testId: 'menu-wo-rules' }
      },
      {
        path: '/workorders/:id(\\d+)',
        component: () => import('@/views/workorders/order/detail.vue'),
        meta: { title: '工单详情', perm: 'workorder:read', hidden: true }
      }
    ]
  },
  // -- enforcement (issue 5) --
  {
    path: '/enforcement',
    component: Layout,
    redirect: '/enforcement/cases',
    meta: { title: '行政执法', icon: 'Tickets', testId: 'menu-enforcement' },
    children: [
      {
        path: '/enforcement/cases',
        component: () => import('@/views/enforcement/case/index.vue'),
        meta: { title: '执法案件', icon: 'Document', perm: 'case:read', testId: 'menu-enf-cases' }
      },
      {
        path: '/enforcement/cases/:id(\\d+)',
        component: () => import('@/views/enforcement/case/detail.vue'),
        meta: { title: '案件详情', perm: 'case:read', hidden: true }
      },
      {
        path: '/enforcement/officers',
        component: () => import('@/views/enforcement/officer/index.vue'),
        meta: { title: '执法人员', icon: 'User', perm: 'officer:read', testId: 'menu-enf-officers' }
      },
      {
        path: '/enforcement/powers',
        component: () => import('@/views/enforcement/power/index.vue'),
        meta: { title: '权责清单', icon: 'Setting', perm: 'case:read', testId: 'menu-enf-powers' }
      },
      {
        // the public page is server-rendered: the menu opens it in a new tab and stays put
        path: '/enforcement/publicity',
        component: () => import('@/views/enforcement/publicity.vue'),
        meta: { title: '公示', icon: 'OfficeBuilding', perm: 'case:read', testId: 'menu-enf-public' },
        beforeEnter: (_to, from) => {
          if (!from.matched.length) return true
          window.open('/public/decisions', '_blank', 'noopener')
          return false
        }
      }
    ]
  },
  // -- decisions (issue 6) --
  {
    path: '/decision',
    component: Layout,
    redirect: '/decision/decisions',
    meta: { title: '决策与合法性审查', icon: 'Document', testId: 'menu-decision' },
    children: [
      {
        path: 'decisions',
        component: () => import('@/views/decisions/index.vue'),
        meta: { title: '重大行政决策', icon: 'Document', perm: 'decision:read', testId: 'menu-decisions' }
      },
      {
        path: 'decisions/:id',
        component: () => import('@/views/decisions/detail.vue'),
        meta: { title: '决策详情', perm: 'decision:read', hidden: true }
      },
      {
        path: 'catalogue',
        component: () => import('@/views/decisions/catalogue.vue'),
        meta: { title: '决策事项目录', icon: 'Tickets', perm: 'decision:read', testId: 'menu-decision-catalogue' }
      },
      {
        path: 'meetings',
        component: () => import('@/views/decisions/meetings.vue'),
        meta: { title: '集体决策会议', icon: 'UserFilled', perm: 'meeting:read', testId: 'menu-meetings' }
      },
      {
        path: 'meetings/:id',
        component: () => import('@/views/decisions/meeting.vue'),
        meta: { title: '会议详情', perm: 'meeting:read', hidden: true }
      },
      {
        path: 'reviews',
        component: () => import('@/views/counsel/index.vue'),
        meta: { title: '合法性审查', icon: 'Tickets', perm: 'review:read', testId: 'menu-reviews' }
      },
      {
        path: 'reviews/:id',
        component: () => import('@/views/counsel/detail.vue'),
        meta: { title: '审查申请详情', perm: 'review:read', hidden: true }
      },
      {
        path: 'review-stats',
        component: () => import('@/views/counsel/stats.vue'),
        meta: { title: '统计', icon: 'Document', perm: 'review:read', testId: 'menu-review-stats' }
      }
    ]
  },
  // -- regulations (issue 5) --
  {
    path: '/regulations',
    component: Layout,
    meta: { title: '政策法规', icon: 'Document', testId: 'menu-regulations' },
    children: [
      {
        path: '/regulations/search',
        component: () => import('@/views/regulations/search/index.vue'),
        meta: { title: '法规检索', icon: 'Tickets', perm: 'regulation:read', testId: 'menu-regulations-search' }
      },
      {
        path: '/regulations',
        component: () => import('@/views/regulations/list/index.vue'),
        meta: { title: '法规库', icon: 'Document', perm: 'regulation:read', testId: 'menu-regulations-list' }
      },
      {
        path: '/regulations/:id(\\d+)',
        component: () => import('@/views/regulations/detail.vue'),
        meta: { title: '法规详情', perm: 'regulation:read', hidden: true }
      }
    ]
  },
  // -- registries (issue 7) --
  {
    path: '/registries',
    component: Layout,
    meta: { title: '企业与信用', icon: 'OfficeBuilding', testId: 'menu-registries' },
    children: [
      {
        path: '/registries/enterprise',
        component: () => import('@/views/registries/enterprise/index.vue'),
        meta: { title: '企业名录', icon: 'OfficeBuilding', perm: 'registry:read', testId: 'menu-reg-enterprises' }
      },
      {
        path: '/registries/commitment',
        component: () => import('@/views/registries/commitment/index.vue'),
        meta: { title: '信用承诺', icon: 'Document', perm: 'registry:read', testId: 'menu-reg-commitments' }
      },
      {
        path: '/registries/service',
        component: () => import('@/views/registries/service/index.vue'),
        meta: { title: '企业服务', icon: 'UserFilled', perm: 'registry:read', testId: 'menu-reg-service' }
      },
      {
        path: '/registries/summary',
        component: () => import('@/views/registries/summary/index.vue'),
        meta: { title: '年度汇总', icon: 'Tickets', perm: 'registry:read', testId: 'menu-reg-summary' }
      }
    ]
  },
  {
    path: '/outreach',
    component: Layout,
    meta: { title: '普法与学习', icon: 'Document', testId: 'menu-outreach' },
    children: [
      {
        path: '/outreach/pufa',
        component: () => import('@/views/registries/pufa/index.vue'),
        meta: { title: '普法宣传', icon: 'Document', perm: 'registry:read', testId: 'menu-out-pufa' }
      },
      {
        path: '/outreach/antifraud',
        component: () => import('@/views/registries/antifraud/index.vue'),
        meta: { title: '反诈宣传', icon: 'Tickets', perm: 'registry:read', testId: 'menu-out-antifraud' }
      },
      {
        path: '/outreach/study',
        component: () => import('@/views/registries/study/index.vue'),
        meta: { title: '学习记录', icon: 'User', perm: 'registry:read', testId: 'menu-out-study' }
      }
    ]
  },
  // -- duties (issue 7) --
  {
    path: '/org-lead',
    component: Layout,
    meta: { title: '组织领导', icon: 'UserFilled', testId: 'menu-duties' },
    children: [
      {
        path: '/org-lead/group',
        component: () => import('@/views/duties/group/index.vue'),
        meta: { title: '领导小组', icon: 'UserFilled', perm: 'duty:read', testId: 'menu-duty-group' }
      },
      {
        path: '/org-lead/duties',
        component: () => import('@/views/duties/plan/index.vue'),
        meta: { title: '责任分工', icon: 'Tickets', perm: 'duty:read', testId: 'menu-duty-plan' }
      },
      {
        path: '/org-lead/pufa',
        component: () => import('@/views/duties/pufa/index.vue'),
        meta: { title: '普法责任清单', icon: 'Document', perm: 'duty:read', testId: 'menu-duty-pufa' }
      },
      {
        path: '/org-lead/learning',
        component: () => import('@/views/duties/learning/index.vue'),
        meta: { title: '学法任务', icon: 'User', perm: 'duty:read', testId: 'menu-duty-learning' }
      },
      {
        path: '/org-lead/teaching',
        component: () => import('@/views/teaching/index.vue'),
        meta: { title: '以案说法', icon: 'Document', perm: 'teaching:read', testId: 'menu-duty-teaching' }
      },
      {
        path: '/org-lead/teaching/:id(\\d+)',
        component: () => import('@/views/teaching/detail.vue'),
        meta: { title: '教学材料详情', perm: 'teaching:read', hidden: true }
      }
    ]
  },
  // -- reports (issue 8) --
  {
    path: '/dashboard',
    component: Layout,
    meta: { title: '领导驾驶舱', icon: 'HomeFilled', testId: 'menu-dashboard-group' },
    children: [
      {
        path: '/dashboard',
        component: () => import('@/views/dashboard/index.vue'),
        meta: { title: '领导驾驶舱', icon: 'HomeFilled', perm: 'report:read', testId: 'menu-dashboard' }
      },
      {
        path: '/reports',
        component: () => import('@/views/reports/index.vue'),
        meta: { title: '年度法治报告', icon: 'Document', perm: 'report:read', testId: 'menu-reports' }
      }
    ]
  },
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
