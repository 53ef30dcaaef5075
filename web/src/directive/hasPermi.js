// hasPermi.js - v-hasPermi="['system:user:write']": hides the element unless the user holds
// one of the permissions. Hidden with display:none rather than removed, so Vue's own
// patching never meets a detached node. The server still refuses what it must.
import { hasPermi } from '@/store/user'

function apply(el, binding) {
  const perms = binding.value
  if (!perms || (Array.isArray(perms) && perms.length === 0)) {
    throw new Error('v-hasPermi needs a permission, e.g. v-hasPermi="[\'system:user:write\']"')
  }
  if (hasPermi(perms)) {
    if (el.dataset.permHidden) {
      el.style.display = ''
      delete el.dataset.permHidden
    }
  } else {
    el.style.display = 'none'
    el.dataset.permHidden = '1'
  }
}

export default {
  mounted: apply,
  updated: apply
}
