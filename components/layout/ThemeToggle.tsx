/**
 * The theme switch. Hidden until script runs (without it there is nothing to
 * switch); THEME_TOGGLE_SCRIPT (lib/client-scripts.ts) shows it, keeps its state
 * and label, and flips the theme. The script changes its attributes before React
 * hydrates, where React runs, hence suppressHydrationWarning.
 */
export function ThemeToggle({ toDark, toLight }: { toDark: string; toLight: string }) {
  return (
    <button type="button" className="theme-toggle" hidden aria-pressed="false" aria-label={toDark} data-to-dark={toDark} data-to-light={toLight} suppressHydrationWarning>
      <span className="theme-icon" aria-hidden="true" />
    </button>
  )
}
