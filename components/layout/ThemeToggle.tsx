/**
 * The theme switch. CSS shows it only where script runs (THEME_SCRIPT has set
 * `data-theme`: without script there is nothing to switch); THEME_TOGGLE_SCRIPT
 * (lib/client-scripts.ts) keeps its state and label and flips the theme. The script
 * changes its attributes before React hydrates, where React runs, hence
 * suppressHydrationWarning.
 */
export function ThemeToggle({ toDark, toLight }: { toDark: string; toLight: string }) {
  return (
    <button type="button" className="theme-toggle" aria-pressed="false" aria-label={toDark} data-to-dark={toDark} data-to-light={toLight} suppressHydrationWarning>
      <span className="theme-icon" aria-hidden="true" />
    </button>
  )
}
