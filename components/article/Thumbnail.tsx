/* eslint-disable @next/next/no-img-element -- remote news images of unknown hosts and sizes; next/image would need every CDN allowlisted */
import type { Thumbnail as ThumbnailData } from '@/lib/content'

/** Source CDNs refuse hotlinked requests that carry a Referer, hence no-referrer. */
export function Thumbnail({ thumbnail, className }: { thumbnail: ThumbnailData; className: string }) {
  return (
    <figure className={className}>
      <img src={thumbnail.src} alt="" loading="lazy" decoding="async" referrerPolicy="no-referrer" width={640} height={360} />
    </figure>
  )
}
