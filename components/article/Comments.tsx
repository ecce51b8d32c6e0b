/** A comment thread; COMMENTS_SCRIPT (lib/client-scripts.ts) loads the provider's script when it scrolls into view. */
export function Comments({ src, attributes, pageUrl, pageId }: { src: string; attributes: Record<string, string>; pageUrl: string; pageId: string }) {
  return <div id="disqus_thread" className="comments giscus" data-embed={JSON.stringify({ src, attributes, pageUrl, pageId })} />
}
