// Starts the real backend for the browser tests: a fresh SQLite database in a temp folder, the demo
// data (`seed-demo`), a second district officer, the bundled fake WeChat server, all on free
// loopback ports; the backend serves the built console (console/dist) at /console/.
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const PYTHON = process.env.PYTHON ?? join(ROOT, '.venv/bin/python')

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer()
    server.unref()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => ok(port))
    })
  })
}

async function waitFor(url, proc, timeoutMs = 90_000, anyStatus = false) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`backend exited with ${proc.exitCode}`)
    try {
      const resp = await fetch(url)
      if (resp.ok || anyStatus) return
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`)
}

export async function startBackend() {
  if (!existsSync(join(ROOT, 'console/dist/index.html'))) throw new Error('console/dist is missing: run `make console` first')
  const varDir = mkdtempSync(join(tmpdir(), 'shezutong-e2e-'))
  cpSync(join(ROOT, 'knowledge'), join(varDir, 'knowledge'), { recursive: true })
  const env = { ...process.env, APP_ENV: 'dev', VAR_DIR: varDir, LOG_LEVEL: 'WARNING', BOT_KB_DIR: join(varDir, 'knowledge') }
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'WECHAT_API_BASE']) delete env[k]
  const py = (...args) => execFileSync(PYTHON, ['-m', 'backend', ...args], { cwd: ROOT, env, stdio: 'pipe' })
  py('migrate')
  py('seed-demo')
  const second = { username: 'e2e_second_officer', password: 'E2e-second-0fficer' }
  py('create-staff', second.username, '--password', second.password, '--real-name', '第二审核人')
  const admin = { username: 'e2e_admin', password: 'E2e-admin-passw0rd' }
  py('create-staff', admin.username, '--password', admin.password, '--role', 'admin', '--real-name', '系统管理员')
  // one credentials file per database (backend/seed.py); this fresh VAR_DIR holds only the dev SQLite one
  const creds = readFileSync(join(varDir, 'demo-credentials-shezutong-dev.txt'), 'utf8').split(/\s+/)
  const after = (word, nth) => creds[creds.indexOf(word, nth) + 1]
  const district = { username: after('用户名', 0), password: after('密码', 0) }
  const townAt = creds.indexOf('用户名', creds.indexOf('用户名') + 1)
  const town = { username: creds[townAt + 1], password: creds[creds.indexOf('密码', townAt) + 1] }

  const [port, fakePort] = [await freePort(), await freePort()]
  const children = []
  const spawnLogged = (cmd, args, extraEnv) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let log = ''
    const keep = (chunk) => { log = (log + chunk).slice(-20_000) }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.log = () => log
    children.push(child)
    return child
  }
  const fake = spawnLogged(PYTHON, ['-m', 'backend.wechat.fake_server', '--host', '127.0.0.1', '--port', String(fakePort)])
  const server = spawnLogged(join(dirname(PYTHON), 'sanic'),
    ['backend.app:create_app', '--factory', '--host', '127.0.0.1', '--port', String(port), '--workers', '1'],
    { WECHAT_API_BASE: `http://127.0.0.1:${fakePort}/` })
  const base = `http://127.0.0.1:${port}`
  try {
    await waitFor(`http://127.0.0.1:${fakePort}/`, fake, 30_000, true)
    await waitFor(`${base}/healthz`, server)
  } catch (e) {
    stop()
    throw new Error(`${e.message}\n${server.log()}`)
  }

  function stop() {
    for (const child of children) {
      try { process.kill(-child.pid, 'SIGTERM') } catch { /* already gone */ }
      // A graceful stop that has not finished after 15 s must not keep the test run (and CI) waiting.
      setTimeout(() => {
        try { process.kill(-child.pid, 'SIGKILL') } catch { /* already gone */ }
      }, 15_000).unref()
    }
    rmSync(varDir, { recursive: true, force: true })
  }
  return { base, varDir, district, town, second, admin, stop, log: () => server.log() }
}

/** JSON helper against the running backend (test data set up through the real API). */
export async function api(base, method, path, { token, body } = {}) {
  const resp = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await resp.json().catch(() => null)
  if (!resp.ok) throw new Error(`${method} ${path} → ${resp.status} ${JSON.stringify(data)}`)
  return data
}
