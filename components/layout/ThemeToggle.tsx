'use client'

import { useEffect, useState } from 'react'

type Theme = 'light' | 'dark'

/** Flips the theme and remembers it; the inline script in the layout applies it before first paint. */
export function ThemeToggle({ toDark, toLight }: { toDark: string; toLight: string }) {
  const [theme, setTheme] = useState<Theme | undefined>(undefined)
  useEffect(() => {
    setTheme(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light')
  }, [])
  const next: Theme = theme === 'dark' ? 'light' : 'dark'
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-label={next === 'dark' ? toDark : toLight}
      aria-pressed={theme === 'dark'}
      hidden={theme === undefined}
      onClick={() => {
        document.documentElement.dataset.theme = next
        try {
          localStorage.setItem('theme', next)
        } catch {
          // Private mode: the choice lasts for this page only.
        }
        setTheme(next)
      }}
    >
      {theme === 'dark' ? '☀' : '☾'}
    </button>
  )
}
