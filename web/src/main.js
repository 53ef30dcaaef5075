// main.js - creates the app: Element Plus (zh-CN, imported whole), router + guard,
// the v-hasPermi directive and the global styles.
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import '@/assets/main.css'
import App from './App.vue'
import router from './router'
import './permission'
import hasPermi from './directive/hasPermi'

const app = createApp(App)
app.use(ElementPlus, { locale: zhCn })
app.use(router)
app.directive('hasPermi', hasPermi)
app.mount('#app')
