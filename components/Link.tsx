import NextLink from 'next/link'
import type { ComponentProps } from 'react'

/**
 * Every internal link: Next's Link without prefetching. A news page shows dozens of
 * links, and without per-segment prefetch data (not built: scripts/patch-next.mjs) each
 * one in view would download its page's whole RSC payload (~18 KB) on a phone that may
 * never tap it. A click still navigates client-side, fetching that payload once.
 */
export default function Link(props: Omit<ComponentProps<typeof NextLink>, 'prefetch'>) {
  return <NextLink {...props} prefetch={false} />
}
