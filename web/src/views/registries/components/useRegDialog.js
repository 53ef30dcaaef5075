// useRegDialog.js - the state and the submit of an edit dialog of the registers: validate the
// el-form, send form (without id) to add() or update(id), toast, close, emit "saved"; the
// server's error.field is marked on the form (errs). prepare(data) may adjust the body.
// Usage: const D = useRegDialog(emit, form, { add, update, prepare })
//        <el-dialog v-model="D.open.value"> <el-form :ref="D.formRef"> :error="D.errs.x"
import { ref } from 'vue'
import { fieldErrors } from '@/utils/formErrors'
import { ok } from '@/utils/modal'

export function useRegDialog(emit, form, { add, update, prepare = (d) => d }) {
  const open = ref(false)
  const saving = ref(false)
  const formRef = ref()
  const errs = fieldErrors()

  async function submit() {
    if (saving.value) return
    try {
      await formRef.value.validate()
    } catch {
      return
    }
    errs.clear()
    saving.value = true
    const { id, ...data } = form
    try {
      if (id) await update(id, prepare(data))
      else await add(prepare(data))
      ok(id ? '修改成功' : '登记成功')
      open.value = false
      emit('saved')
    } catch (e) {
      errs.take(e)
    } finally {
      saving.value = false
    }
  }

  return { open, saving, formRef, errs, submit }
}
