import { notFound } from 'next/navigation'
import { readLocale } from '@/components/routes/params'

// Any path no route claims: answer with the localized 404 page.
export default async function CatchAll({ params }: { params: Promise<{ locale: string }> }) {
  readLocale((await params).locale)
  notFound()
}
