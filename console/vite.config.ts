/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Served by the backend (and nginx) under /console/; `npm run dev` proxies the API to `make run`.
export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { proxy: { '/api': process.env.API_ORIGIN ?? 'http://127.0.0.1:8000' } },
  build: { manifest: true, chunkSizeWarningLimit: 1600, reportCompressedSize: false },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    css: false,
  },
})
