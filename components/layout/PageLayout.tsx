import type { ReactNode } from 'react'
import type { Locale, SidebarPosition, WidgetName } from '@/site.config'
import { Sidebar } from '@/components/widgets/Sidebar'

/** Main column plus the sidebar, on the side the page asks for (Mainroad's layout). */
export function PageLayout({ locale, sidebar, widgets, alternates, children }: {
  locale: Locale
  sidebar: SidebarPosition
  widgets: readonly WidgetName[]
  /** This page in the other locales, for the languages widget. */
  alternates?: Partial<Record<Locale, string>>
  children: ReactNode
}) {
  const hasSidebar = sidebar !== 'none' && widgets.length > 0
  return (
    <div className={`container layout ${hasSidebar ? `sidebar-${sidebar}` : 'no-sidebar'}`}>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      {hasSidebar && <Sidebar locale={locale} widgets={widgets} alternates={alternates} />}
    </div>
  )
}
