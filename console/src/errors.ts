// Every failure shown to the officer as the API's Chinese message, never a stack or bare status.
import { ElMessage } from 'element-plus'
import { ApiError, PASSWORD_CHANGE_REQUIRED } from '@/api/client'

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof Error && /[\u4e00-\u9fff]/.test(error.message)) return error.message
  return '操作失败，请稍后重试'
}

export function showError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) return // the router already returns to login
  if (error instanceof ApiError && error.code === PASSWORD_CHANGE_REQUIRED) return // the router opens the password page
  ElMessage({ type: 'error', message: messageOf(error), showClose: true, duration: 6000 })
}
