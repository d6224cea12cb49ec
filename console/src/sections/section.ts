// A console section: its routes and its menu entry, declared together in sections/<name>/index.ts.
// The router and the side menu read every such file, so adding a section is adding one file.
import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import type { useAuth } from '@/stores/auth'

export interface Section {
  /** Menu label (also the page title). */
  title: string
  icon: Component
  /** Position in the menu, ascending. */
  order: number
  /** Where the menu entry leads. */
  path: string
  /** Hide the whole section from roles that may not use it. */
  visible?: (auth: ReturnType<typeof useAuth>) => boolean
  routes: RouteRecordRaw[]
}

export const defineSection = (section: Section): Section => section
