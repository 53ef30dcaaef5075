// useRegList.js - the state and actions every list page of the registers shares: the query
// (page, page_size, sort and the page's own filters), a date range, loading/list/total,
// the selection, search/reset/sort, and the XLSX export of the filtered rows.
// Usage: const L = useRegList(listFn, () => ({ q: '', status: '' }), '/x/export.xlsx', '名称.xlsx')
import { reactive, ref } from 'vue'
import { downloadXlsx } from '@/api/registries'

export function useRegList(listFn, filters, exportPath, exportName) {
  const emptyQuery = () => ({ page: 1, page_size: 20, sort: '', ...filters() })
  const query = reactive(emptyQuery())
  const range = ref(null)
  const loading = ref(false)
  const list = ref([])
  const total = ref(0)
  const selection = ref([])
  const exporting = ref(false)

  /* params: the query with the date range as from/to */
  function params() {
    const [from, to] = range.value || []
    return { ...query, from, to }
  }

  async function getList() {
    loading.value = true
    try {
      const res = await listFn(params())
      list.value = res.items || []
      total.value = res.total || 0
    } catch {
      list.value = []
    } finally {
      loading.value = false
    }
  }

  function handleQuery() {
    query.page = 1
    getList()
  }

  function resetQuery() {
    Object.assign(query, emptyQuery(), { page_size: query.page_size })
    range.value = null
    getList()
  }

  function onSort({ prop, order }) {
    query.sort = order ? (order === 'descending' ? '-' : '') + prop : ''
    getList()
  }

  async function handleExport() {
    exporting.value = true
    try {
      const { page: _p, page_size: _s, sort: _o, ...rest } = params()
      await downloadXlsx(exportPath, rest, exportName)
    } catch {
      // the message was shown
    } finally {
      exporting.value = false
    }
  }

  return { query, range, loading, list, total, selection, exporting, getList, handleQuery, resetQuery, onSort, handleExport }
}
