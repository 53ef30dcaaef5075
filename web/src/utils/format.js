// format.js - display helpers: server timestamps as 'YYYY-MM-DD HH:mm:ss', date-range
// query bounds. Both use the server's fixed offset (settings.zone), not the browser's.
import settings from '@/settings'

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?/

function pad(n) {
  return String(n).padStart(2, '0')
}

/* zoneMinutes: settings.zone ('+08:00') in minutes east of UTC. */
function zoneMinutes() {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(settings.zone)
  return m ? (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]) : 0
}

/* formatTime: '2026-11-25T17:30:00+08:00' -> '2026-11-25 17:30:00' (the wall clock the
 * server wrote, also when no zone is given); other zones ('Z', …) are converted to
 * settings.zone; '' for empty. */
export function formatTime(ts) {
  if (!ts) return ''
  const s = String(ts)
  const m = ISO.exec(s)
  const rest = m ? s.slice(m[0].length).replace(/^\.\d+/, '') : null
  if (m && (rest === settings.zone || rest === '')) {
    return `${m[1]} ${m[2]}${m[3] || ':00'}`
  }
  const d = new Date(s)
  if (isNaN(d.getTime())) return s
  const z = new Date(d.getTime() + zoneMinutes() * 60000)
  return `${z.getUTCFullYear()}-${pad(z.getUTCMonth() + 1)}-${pad(z.getUTCDate())} ` +
    `${pad(z.getUTCHours())}:${pad(z.getUTCMinutes())}:${pad(z.getUTCSeconds())}`
}

/* dateRangeParams: ['2026-11-01','2026-11-25'] -> {from:'2026-11-01T00:00:00+08:00',
 * to:'2026-11-25T23:59:59+08:00'} (both inclusive); {} when no range is chosen. */
export function dateRangeParams(range) {
  if (!Array.isArray(range) || range.length !== 2 || !range[0] || !range[1]) return {}
  const z = settings.zone
  return { from: `${range[0]}T00:00:00${z}`, to: `${range[1]}T23:59:59${z}` }
}
