// settings.js - the few facts the UI needs about its deployment.
export default {
  title: '华明高新区法治工作平台',
  org: '天津市东丽区华明高新技术产业区服务中心',
  // the server's fixed offset (migrations/001_platform.sql): timestamps are shown in it
  // and date-range filters are sent in it, whatever the browser's own zone
  zone: '+08:00'
}
