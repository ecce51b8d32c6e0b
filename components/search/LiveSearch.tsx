'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useTransition } from 'react'

/**
 * Results as you type: re-requests the server-rendered search page for the
 * current form values. Without JavaScript the form simply submits.
 */
export function LiveSearch({ formId }: { formId: string }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null
    if (!form) return
    const update = () => {
      clearTimeout(timer.current)
      timer.current = setTimeout(() => {
        const params = new URLSearchParams()
        for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) params.set(k, v.trim())
        startTransition(() => router.replace(`?${params.toString()}`, { scroll: false }))
      }, 250)
    }
    form.addEventListener('input', update)
    return () => {
      form.removeEventListener('input', update)
      clearTimeout(timer.current)
    }
  }, [formId, router])

  return <span className="search-status" aria-live="polite" data-pending={pending ? 'true' : 'false'} />
}
