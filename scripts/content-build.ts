/**
 * `npm run content`: one run of the content build (scripts/content-builder.ts),
 * which turns the Markdown files into contentlayer2 documents in
 * CONTENTLAYER_DIR/generated and fails, naming the file, if any of them did not
 * become a document. `npm run dev` keeps a builder of its own instead.
 */
import { contentDir } from '../lib/content/dir'
import { contentDirOrExit } from '../lib/content/files'
import { contentBuilder } from './content-builder'

const builder = contentBuilder(contentDirOrExit('content', contentDir()))
if (!(await builder.build()).ok) process.exit(1)
builder.saveState()
