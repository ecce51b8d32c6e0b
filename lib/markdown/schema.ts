import { defaultSchema, type Options as Schema } from 'rehype-sanitize'

/** Math is marked with these (lib/markdown/math.ts); rehype-katex, run after sanitizing, looks for them. */
const MATH_CLASSES = ['math-inline', 'math-display'] as const

/**
 * Elements dropped together with their content. Anything else that is not
 * allowed is unwrapped, which would show a stylesheet or an iframe's fallback
 * markup as text to readers.
 */
const STRIP = [
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'applet',
  'textarea', 'select', 'svg', 'math', 'title', 'xmp', 'noembed', 'noframes',
]

const defaults = defaultSchema.attributes ?? {}

/**
 * GitHub's schema (no script, no event handlers, no style, no `javascript:`),
 * plus: `data:` image sources (size-checked later by the hardening step) and
 * the math classes. `source` goes because its srcset would bypass the image
 * checks; `action` goes because it only ever carries a URL nobody checked.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((name) => name !== 'source'),
  strip: STRIP,
  attributes: {
    ...defaults,
    '*': (defaults['*'] ?? []).filter((attribute) => attribute !== 'action'),
    code: [['className', /^language-./, ...MATH_CLASSES]],
    span: [...(defaults.span ?? []), ['className', 'math', ...MATH_CLASSES]],
    div: [...(defaults.div ?? []), ['className', 'math', ...MATH_CLASSES]],
  },
  protocols: {
    ...defaultSchema.protocols,
    src: ['http', 'https', 'data'],
  },
}
