/**
 * The search index file: MiniSearch's own JSON format (serialization version 2),
 * which `MiniSearch.loadJSON` reads. minisearch is pinned, and tests/search.test.ts
 * compares both writers here with what MiniSearch itself writes.
 */
import type MiniSearch from 'minisearch'
import type { Options } from 'minisearch'

/** MiniSearch's private state, as its own toJSON reads it. */
interface IndexState {
  _documentCount: number
  _nextId: number
  _documentIds: Map<number, string>
  _fieldIds: Record<string, number>
  _fieldLength: Map<number, number[]>
  _avgFieldLength: number[]
  _storedFields: Map<number, unknown>
  _dirtCount: number
  _index: Iterable<[string, Map<number, Map<number, number>>]>
}

/** `{"1":…,"2":…}` as JSON.stringify writes an object with these integer keys: in ascending order. */
function numericObject<T>(map: Map<number, T>, value: (v: T) => string = JSON.stringify): string {
  const keys = [...map.keys()].sort((a, b) => a - b)
  let out = '{'
  for (let i = 0; i < keys.length; i++) out += `${i ? ',' : ''}"${keys[i]}":${value(map.get(keys[i])!)}`
  return `${out}}`
}

/** `{"3":1,"7":2}` from [3, 1, 7, 2]: postings in ascending document order, as they are collected. */
function postingsObject(flat: readonly number[]): string {
  let out = '{'
  for (let i = 0; i < flat.length; i += 2) out += `${i ? ',' : ''}"${flat[i]}":${flat[i + 1]}`
  return `${out}}`
}

function indexText(head: IndexHead, terms: Iterable<string>): string {
  const parts = [
    `{"documentCount":${head.documentCount},"nextId":${head.nextId},"documentIds":${head.documentIds},` +
      `"fieldIds":${JSON.stringify(head.fieldIds)},"fieldLength":${head.fieldLength},` +
      `"averageFieldLength":${JSON.stringify(head.averageFieldLength)},"storedFields":${head.storedFields},` +
      `"dirtCount":${head.dirtCount},"index":[`,
  ]
  let first = true
  for (const term of terms) {
    parts.push(first ? term : `,${term}`)
    first = false
  }
  parts.push('],"serializationVersion":2}')
  return parts.join('')
}

interface IndexHead {
  documentCount: number
  nextId: number
  documentIds: string
  fieldIds: Record<string, number>
  fieldLength: string
  averageFieldLength: number[]
  storedFields: string
  dirtCount: number
}

/**
 * The same text as `JSON.stringify(index)`, 4–7 times faster: MiniSearch's toJSON turns
 * every posting list into an object with integer keys, which V8 keeps in slow dictionary
 * mode. Used for an index that was loaded and updated (lib/search/build.ts).
 */
export function serializeIndex(index: MiniSearch): string {
  const m = index as unknown as IndexState
  const head: IndexHead = {
    documentCount: m._documentCount,
    nextId: m._nextId,
    documentIds: numericObject(m._documentIds),
    fieldIds: m._fieldIds,
    fieldLength: numericObject(m._fieldLength),
    averageFieldLength: m._avgFieldLength,
    storedFields: numericObject(m._storedFields),
    dirtCount: m._dirtCount,
  }
  function* terms() {
    for (const [term, fields] of m._index) yield `[${JSON.stringify(term)},${numericObject(fields, (freqs) => numericObject(freqs, String))}]`
  }
  return indexText(head, terms())
}

/**
 * The file MiniSearch would write after `addAll(docs)` on a new index with these
 * options, written without building that index. MiniSearch files every occurrence of
 * every term in its radix tree one at a time, which was most of a build's search step
 * (30k articles: the zh-CN index 34 s, the English one 21 s; now 15 s and 12 s); here
 * each document's terms are counted first and filed once, in a plain Map.
 *
 * What MiniSearch does per document, done the same way: a field's length is its number
 * of distinct tokens, the average length is updated in the same order of operations
 * (so the scores are bit for bit the same), and a missing field is skipped. processTerm
 * must turn each token into one term of its own (Kanbao's keeps it as it is).
 */
export function indexFileOf<T extends { id: string }>(
  docs: readonly T[],
  { fields, storeFields = [], tokenize, processTerm }: Options<T> & Required<Pick<Options<T>, 'tokenize' | 'processTerm'>>,
): string {
  const field = (doc: T, name: string) => (doc as Record<string, unknown>)[name]
  // term → fieldId → [shortId, frequency, shortId, frequency, …]
  const postings = new Map<string, number[][]>()
  const seen = new Set<string>()
  const averageFieldLength: number[] = []
  let documentIds = '{'
  let fieldLength = '{'
  let storedFields = '{'
  docs.forEach((doc, shortId) => {
    if (seen.has(doc.id)) throw new Error(`search: two documents have the id ${doc.id}`)
    seen.add(doc.id)
    const lengths: number[] = []
    fields.forEach((name, fieldId) => {
      const value = field(doc, name)
      if (value == null) return
      const counts = new Map<string, number>()
      for (const token of tokenize(String(value), name)) {
        const term = processTerm(token, name)
        if (typeof term !== 'string' || !term) throw new Error('search: indexFileOf expects processTerm to return one term per token')
        counts.set(term, (counts.get(term) ?? 0) + 1)
      }
      // MiniSearch counts distinct tokens before processTerm: with one term of its own per token, the same.
      lengths[fieldId] = counts.size
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] || 0) * shortId + counts.size) / (shortId + 1)
      for (const [term, n] of counts) {
        let byField = postings.get(term)
        if (!byField) postings.set(term, (byField = []))
        ;(byField[fieldId] ??= []).push(shortId, n)
      }
    })
    const comma = shortId ? ',' : ''
    documentIds += `${comma}"${shortId}":${JSON.stringify(doc.id)}`
    fieldLength += `${comma}"${shortId}":${JSON.stringify(lengths)}`
    if (storeFields.length > 0) {
      const stored: Record<string, unknown> = {}
      for (const name of storeFields) if (field(doc, name) !== undefined) stored[name] = field(doc, name)
      storedFields += `${comma}"${shortId}":${JSON.stringify(stored)}`
    }
  })
  const head: IndexHead = {
    documentCount: docs.length,
    nextId: docs.length,
    documentIds: `${documentIds}}`,
    fieldIds: Object.fromEntries(fields.map((name, i) => [name, i])),
    fieldLength: `${fieldLength}}`,
    averageFieldLength,
    storedFields: `${storedFields}}`,
    dirtCount: 0,
  }
  function* terms() {
    for (const [term, byField] of postings) {
      let out = `[${JSON.stringify(term)},{`
      let first = true
      for (let fieldId = 0; fieldId < byField.length; fieldId++) {
        if (!byField[fieldId]) continue
        out += `${first ? '' : ','}"${fieldId}":${postingsObject(byField[fieldId])}`
        first = false
      }
      yield `${out}}]`
    }
  }
  return indexText(head, terms())
}
