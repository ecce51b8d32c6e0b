'use client'

import { useEffect, useRef } from 'react'

/** Loads the comment provider's script only when the thread scrolls into view. */
export function Comments({ src, attributes, pageUrl, pageId }: { src: string; attributes: Record<string, string>; pageUrl: string; pageId: string }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return
      observer.disconnect()
      if (src.includes('disqus.com')) {
        ;(window as unknown as { disqus_config: () => void }).disqus_config = function (this: { page: { url: string; identifier: string } }) {
          this.page.url = pageUrl
          this.page.identifier = pageId
        }
      }
      const script = document.createElement('script')
      script.src = src
      script.async = true
      for (const [k, v] of Object.entries(attributes)) script.setAttribute(k, v)
      el.appendChild(script)
    }, { rootMargin: '200px' })
    observer.observe(el)
    return () => observer.disconnect()
  }, [src, attributes, pageUrl, pageId])
  return <div ref={ref} id="disqus_thread" className="comments giscus" />
}
