import NextLink from 'next/link'
import type { ComponentProps } from 'react'

/**
 * Every internal link: Next's Link without prefetching. A news page shows dozens of
 * links, and without per-segment prefetch data (not built: scripts/patch-next.mjs) each
 * one in view would download its page's whole RSC payload (~18 KB) on a phone that may
 * never tap it. Where Next's runtime runs (search, `npm run dev`, `clientRouter: true`) a
 * click still navigates client-side, fetching that payload once; on the other prerendered
 * pages it is a plain link (scripts/strip-runtime.ts).
 */
export default function Link(props: Omit<ComponentProps<typeof NextLink>, 'prefetch'>) {
  return <NextLink {...props} prefetch={false} />
}
