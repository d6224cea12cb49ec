import type { Section } from './section'

const modules = import.meta.glob<{ default: Section }>('./*/index.ts', { eager: true })

/** Every section, in menu order. */
export const sections: Section[] = Object.values(modules)
  .map((m) => m.default)
  .sort((a, b) => a.order - b.order)
