// vite.config.js - builds the fazhi web UI into web/dist (served by `fazhi serve --web web/dist`).
// `npm run dev` proxies /api to a local server (FAZHI_API, default http://127.0.0.1:8080).
// Everything is bundled from npm; the built files never reference a CDN.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) }
  },
  server: {
    proxy: { '/api': process.env.FAZHI_API || 'http://127.0.0.1:8080' }
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus is imported whole, so the main chunk is large by design
    chunkSizeWarningLimit: 1500
  }
})
