/**
 * The site's own client code: inline scripts in every page's <head> (the root
 * layout). Prerendered pages ship without Next's client runtime
 * (scripts/strip-runtime.ts), so the islands are plain DOM code: they attach
 * through document-level listeners, which keeps them working on the pages that
 * do have React (search, drafts, `npm run dev`) and across client-side navigation.
 */

/**
 * Runs before the page paints: applies the remembered theme, or the system's, so a
 * dark-mode reader never sees a white flash. `data-theme` on <html> also tells CSS
 * that script runs, which shows the theme switch from the first paint.
 */
export const THEME_SCRIPT = `var t;try{t=localStorage.getItem('theme')}catch(e){}if(t!=='light'&&t!=='dark'){t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}document.documentElement.dataset.theme=t`

/**
 * The theme switch (components/layout/ThemeToggle.tsx): flips the theme, remembers
 * it and keeps the switch's state and label. Its icon follows `data-theme` in CSS.
 */
export const THEME_TOGGLE_SCRIPT = `(function(){var r=document.documentElement;
function sync(){var d=r.dataset.theme==='dark';document.querySelectorAll('.theme-toggle').forEach(function(b){b.setAttribute('aria-pressed',String(d));b.setAttribute('aria-label',b.getAttribute(d?'data-to-light':'data-to-dark')||'')})}
document.addEventListener('click',function(e){if(!(e.target instanceof Element)||!e.target.closest('.theme-toggle'))return;var t=r.dataset.theme==='dark'?'light':'dark';r.dataset.theme=t;try{localStorage.setItem('theme',t)}catch(x){}sync()});
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',sync);else sync()})()`

/**
 * Comment threads (components/article/Comments.tsx): the provider's script is
 * loaded only when the thread scrolls into view. Included only when a provider is
 * configured. Threads that arrive later (client-side navigation) are picked up too.
 */
export const COMMENTS_SCRIPT = `(function(){
function load(el){var c=JSON.parse(el.getAttribute('data-embed'));el.removeAttribute('data-embed');
var o=new IntersectionObserver(function(es){if(!es.some(function(e){return e.isIntersecting}))return;o.disconnect();
if(c.src.indexOf('disqus.com')>=0)window.disqus_config=function(){this.page.url=c.pageUrl;this.page.identifier=c.pageId};
var s=document.createElement('script');s.src=c.src;s.async=true;for(var k in c.attributes)s.setAttribute(k,c.attributes[k]);el.appendChild(s)},{rootMargin:'200px'});o.observe(el)}
function scan(){document.querySelectorAll('[data-embed]').forEach(load)}
function start(){scan();new MutationObserver(scan).observe(document.body,{childList:true,subtree:true})}
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',start);else start()})()`
