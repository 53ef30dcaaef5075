// tree.js - buildTree(): nests a flat list by parent_id (the /departments shape).
// Rows whose parent is missing become roots; children are sorted by sort, then id.

/* buildTree: new nodes {...row, children?}; the input rows are not modified. */
export function buildTree(rows, { id = 'id', parent = 'parent_id' } = {}) {
  const byId = new Map()
  for (const r of rows) byId.set(r[id], { ...r })
  const roots = []
  for (const node of byId.values()) {
    const p = node[parent] != null ? byId.get(node[parent]) : null
    if (p && p !== node) (p.children || (p.children = [])).push(node)
    else roots.push(node)
  }
  const order = (a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a[id] - b[id]
  const sortAll = (list) => {
    list.sort(order)
    for (const n of list) if (n.children) sortAll(n.children)
  }
  sortAll(roots)
  return roots
}

/* descendantIds: the id of node and of every node below it (to forbid moving a
 * department under itself). */
export function descendantIds(node, id = 'id') {
  const out = [node[id]]
  for (const c of node.children || []) out.push(...descendantIds(c, id))
  return out
}
