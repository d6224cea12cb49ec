// Prints the JavaScript the first screen loads (the entry and its static imports, plus the login
// route's chunk) and the largest lazily loaded chunks, from dist/.vite/manifest.json.
import { readFileSync, statSync } from 'node:fs'

const manifest = JSON.parse(readFileSync(new URL('../dist/.vite/manifest.json', import.meta.url), 'utf8'))
const size = (file) => statSync(new URL(`../dist/${file}`, import.meta.url)).size
const seen = new Set()
function walk(key) {
  if (seen.has(key)) return
  seen.add(key)
  for (const dep of manifest[key].imports ?? []) walk(dep)
}
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)
walk(entry)
const login = Object.keys(manifest).find((k) => k.endsWith('LoginView.vue'))
if (login) walk(login)
const first = [...seen].reduce((n, k) => n + size(manifest[k].file), 0)
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`
console.log(`工作台首屏 JavaScript：${kib(first)}（入口 + 登录页，未压缩；上限 1.5 MB）`)
const lazy = Object.keys(manifest).filter((k) => !seen.has(k) && manifest[k].file.endsWith('.js'))
  .map((k) => [k, size(manifest[k].file)]).sort((a, b) => b[1] - a[1]).slice(0, 3)
console.log('最大的按需加载块：' + lazy.map(([k, n]) => `${k.replace(/^src\//, '')} ${kib(n)}`).join('，'))
if (first > 1.5 * 1024 * 1024) {
  console.error('首屏 JavaScript 超过 1.5 MB')
  process.exit(1)
}
