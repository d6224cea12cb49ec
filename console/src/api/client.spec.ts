import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, call, configureClient, filenameOf, toApiError } from './client'

const respond = (status: number, body: unknown) =>
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }))

afterEach(() => {
  vi.restoreAllMocks()
  configureClient({ token: () => null, onUnauthorized: () => {}, onPasswordChangeRequired: () => {} })
})

describe('api client', () => {
  it('rejects with the envelope message in Chinese', async () => {
    respond(429, { code: 'login_locked', message: '登录失败次数过多，请 15 分钟后再试', details: {} })
    const error = await call('post', '/api/admin/v1/auth/login', { body: { username: 'a', password: 'b' } }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.message).toBe('登录失败次数过多，请 15 分钟后再试')
    expect(error.code).toBe('login_locked')
  })

  it('turns no answer at all into a Chinese message, not "Network Error"', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'))
    const error = await call('get', '/api/admin/v1/auth/me').catch((e) => e)
    expect(error.status).toBe(0)
    expect(error.message).toMatch(/无法连接服务器/)
  })

  it('sends the bearer token and reports a 401 of a signed-in officer', async () => {
    const fetch = respond(401, { code: 'token_invalid', message: '登录已失效，请重新登录' })
    const onUnauthorized = vi.fn()
    configureClient({ token: () => 'tok', onUnauthorized })
    await call('get', '/api/admin/v1/auth/me').catch(() => {})
    const request = fetch.mock.calls[0][0] as Request
    expect(request.headers.get('authorization')).toBe('Bearer tok')
    expect(onUnauthorized).toHaveBeenCalledOnce()
  })

  it('does not treat a failed login (401 without a session) as an expired session', async () => {
    respond(401, { code: 'bad_credentials', message: '用户名或密码错误' })
    const onUnauthorized = vi.fn()
    configureClient({ token: () => null, onUnauthorized })
    await call('post', '/api/admin/v1/auth/login', { body: { username: 'a', password: 'b' } }).catch(() => {})
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('reports the API refusing everything until a reset password is changed', async () => {
    respond(403, { code: 'password_change_required', message: '您正在使用管理员重置的临时密码，请先修改密码', details: {} })
    const onPasswordChangeRequired = vi.fn()
    configureClient({ token: () => 'tok', onPasswordChangeRequired })
    const error = await call('get', '/api/admin/v1/orgs').catch((e) => e)
    expect(error.message).toMatch(/请先修改密码/)
    expect(onPasswordChangeRequired).toHaveBeenCalledOnce()
    respond(403, { code: 'district_staff_only', message: '仅区级工作人员可以操作', details: {} })
    await call('get', '/api/admin/v1/orgs').catch(() => {})
    expect(onPasswordChangeRequired).toHaveBeenCalledOnce() // another refusal is only an error message
  })

  it('fills path and query parameters', async () => {
    const fetch = respond(200, { items: [] })
    await call('get', '/api/admin/v1/orgs/{org_id}/supervision', { path: { org_id: 7 } })
    await call('get', '/api/admin/v1/orgs', { query: { status: 'pending', page: 2 } })
    expect((fetch.mock.calls[0][0] as Request).url).toMatch(/\/api\/admin\/v1\/orgs\/7\/supervision$/)
    expect((fetch.mock.calls[1][0] as Request).url).toMatch(/\/api\/admin\/v1\/orgs\?status=pending&page=2$/)
  })

  it('words non-envelope failures in Chinese', () => {
    expect(toApiError(502, '<html>').message).toMatch(/服务器暂时无法处理/)
    expect(toApiError(404, null).message).toBe('请求失败（HTTP 404）')
  })

  it('reads the UTF-8 file name of a download', () => {
    const header = `attachment; filename="coverage.xlsx"; filename*=UTF-8''${encodeURIComponent('党建覆盖情况-20260101.xlsx')}`
    expect(filenameOf(header)).toBe('党建覆盖情况-20260101.xlsx')
    expect(filenameOf('attachment; filename="a.xlsx"')).toBe('a.xlsx')
  })
})
