/**
 * Runs in <head> before the page paints: applies the remembered theme, or the
 * system's, so a dark-mode reader never sees a white flash. Kept as a constant
 * so the Content-Security-Policy can allow exactly this script by its hash.
 */
export const THEME_SCRIPT = `try{var t=localStorage.getItem('theme');if(t!=='light'&&t!=='dark'){t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}document.documentElement.dataset.theme=t}catch(e){}`
