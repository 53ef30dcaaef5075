// formErrors.js - put the server's error.field on the matching el-form-item.
// Usage: const errs = fieldErrors(); <el-form-item :error="errs.username">;
// errs.clear() before submit, errs.take(e) in the catch.
import { reactive } from 'vue'

export function fieldErrors() {
  const errs = reactive({})
  Object.defineProperty(errs, 'clear', {
    value() {
      for (const k of Object.keys(errs)) delete errs[k]
    }
  })
  Object.defineProperty(errs, 'take', {
    /* take: mark e.field with e.message; returns true when a field was marked. */
    value(e) {
      if (e && e.field) {
        errs[e.field] = e.message
        return true
      }
      return false
    }
  })
  return errs
}
