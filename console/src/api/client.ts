// The one HTTP client of the console: openapi-fetch over the generated `paths` (schema.d.ts).
// Request bodies, path and query parameters are typed from the generated document; where the
// backend does not describe a body yet, the type is loose until the document is completed and
// `make console-types` regenerates it (then vue-tsc checks every call against the real schema).
import createClient from 'openapi-fetch'
import type { paths } from './schema'

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
export type ApiPath = keyof paths
type Op<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>
type JsonOf<C> = C extends { content: { 'application/json': infer B } } ? B : never
type Loose = Record<string, unknown>

/** The JSON request body the document gives an operation (loose while it gives none). */
export type BodyOf<P extends ApiPath, M extends Method> =
  Op<P, M> extends { requestBody?: infer R } ? ([JsonOf<NonNullable<R>>] extends [never] ? Loose : JsonOf<NonNullable<R>>) : Loose
/** The path parameters the document gives an operation. */
export type PathOf<P extends ApiPath, M extends Method> =
  Op<P, M> extends { parameters: { path: infer T } } ? T : never
/** The query parameters the document gives an operation (loose while it gives none). */
export type QueryOf<P extends ApiPath, M extends Method> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? ([NonNullable<Q>] extends [never] ? QueryLoose : Q) : QueryLoose
type QueryLoose = Record<string, string | number | boolean | undefined | null>
type Ok<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : R extends { 202: infer A } ? A : never
/** The success JSON the document gives an operation, or never while it gives none. */
export type ResponseOf<P extends ApiPath, M extends Method> =
  Op<P, M> extends { responses: infer R } ? JsonOf<Ok<R>> : never

/** A phantom argument naming the shape the console reads where the document has no response yet. */
export interface Shape<T> { readonly __shape?: T }
export const shape = <T>(): Shape<T> => ({})
/** Generated type when the document has one (and the console's reading of it must fit), else the shape. */
export type Known<D, F> = [D] extends [never] ? F : [F] extends [never] ? D : D & F

/** An API failure carrying the envelope's Chinese message; `status` 0 means no answer at all. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

interface Hooks {
  token: () => string | null
  onUnauthorized: (error: ApiError) => void
  /** The API refuses every other route (403 `password_change_required`) until a reset password is changed. */
  onPasswordChangeRequired: (error: ApiError) => void
}
const hooks: Hooks = { token: () => null, onUnauthorized: () => {}, onPasswordChangeRequired: () => {} }
export function configureClient(next: Partial<Hooks>): void {
  Object.assign(hooks, next)
}

// fetch is looked up per call (not captured once), so tests can stand in for the network.
export const http = createClient<paths>({ baseUrl: '', fetch: (request: Request) => globalThis.fetch(request) })
http.use({
  onRequest({ request }) {
    const token = hooks.token()
    if (token) request.headers.set('Authorization', `Bearer ${token}`)
    return request
  },
})

/** The envelope of a failed response as an ApiError (never a bare status or stack). */
export function toApiError(status: number, payload: unknown): ApiError {
  if (payload && typeof payload === 'object' && 'message' in payload) {
    const env = payload as { message: string; code?: string; details?: Record<string, unknown> }
    return new ApiError(env.message, status, env.code ?? 'error', env.details ?? {})
  }
  if (status === 413) return new ApiError('上传内容过大', status, 'payload_too_large')
  if (status >= 500) return new ApiError(`服务器暂时无法处理请求（HTTP ${status}），请稍后重试`, status, 'server_error')
  return new ApiError(`请求失败（HTTP ${status}）`, status, 'error')
}

export const PASSWORD_CHANGE_REQUIRED = 'password_change_required'
const NO_ANSWER = '无法连接服务器，请检查网络后重试'

interface Init<P extends ApiPath, M extends Method> {
  path?: PathOf<P, M>
  query?: QueryOf<P, M>
  body?: BodyOf<P, M> | FormData
}

/** Call an operation; resolves to its JSON, or rejects with an ApiError. */
export async function call<P extends ApiPath, M extends Method, F = never>(
  method: M,
  path: P,
  init: Init<P, M> = {},
  _shape?: Shape<F>,
): Promise<Known<ResponseOf<P, M>, F>> {
  const { data } = await send(method, path, init, 'json')
  return data as Known<ResponseOf<P, M>, F>
}

/** Download an operation's file (e.g. an .xlsx export) as a Blob with its file name. */
export async function download<P extends ApiPath>(path: P, init: Init<P, 'get'> = {}): Promise<{ blob: Blob; filename: string }> {
  const { response, data } = await send('get', path, init, 'blob')
  return { blob: data as Blob, filename: filenameOf(response.headers.get('content-disposition')) }
}

async function send(method: Method, path: string, init: Init<ApiPath, Method>, parseAs: 'json' | 'blob') {
  const options = {
    params: { path: init.path, query: init.query },
    body: init.body,
    parseAs,
    ...(init.body instanceof FormData ? { bodySerializer: (b: FormData) => b } : {}),
  }
  let result: { data?: unknown; error?: unknown; response: Response }
  try {
    const verb = method.toUpperCase() as 'GET'
    result = await (http[verb] as (p: string, o: unknown) => Promise<typeof result>)(path, options)
  } catch {
    throw new ApiError(NO_ANSWER, 0, 'network_error')
  }
  const { response } = result
  if (!response.ok) {
    const error = toApiError(response.status, result.error)
    if (response.status === 401 && hooks.token()) hooks.onUnauthorized(error)
    if (response.status === 403 && error.code === PASSWORD_CHANGE_REQUIRED) hooks.onPasswordChangeRequired(error)
    throw error
  }
  return { response, data: result.data }
}

export function filenameOf(disposition: string | null): string {
  if (!disposition) return 'download'
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star) return decodeURIComponent(star[1])
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1] : 'download'
}

/** Hand a Blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
