import fs from 'node:fs'
import path from 'node:path'
import YAML from 'yaml'
import type { SearchDocument } from '@/lib/search/engine'
import { cleanText } from '@/lib/text'

// Real corpus samples per locale, as search documents: the first `limit` files of a source folder.
const corpus = path.resolve(__dirname, '../../../shared/corpus/content')

export function loadCorpusDocs(folder: string, limit: number): SearchDocument[] {
  const dir = path.join(corpus, folder)
  return fs.readdirSync(dir).sort().slice(0, limit).map((name) => {
    const raw = fs.readFileSync(path.join(dir, name), 'utf8')
    const [, fm, body] = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(raw)!
    const data = YAML.parse(fm)
    return {
      id: `${folder}/${name}`, path: `/${folder}/${name}/`, title: cleanText(data.title), summary: cleanText(data.summary),
      body, excerpt: cleanText(data.summary), published: 0, source: folder.split('/').pop()!, tags: (data.tags ?? []).map((t: string) => t.toLowerCase()),
    }
  })
}
