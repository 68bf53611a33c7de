// Parse .bib files with @retorquere/bibtex-parser (the parser behind Better BibTeX's
// import) and print one JSON document per file: {file, entries: [{type, key, fields}], errors}.
// Options as Better BibTeX imports (English titles sentence-cased, case protection kept).
// Usage: node parse.mjs FILE.bib [...]   (one JSON object per line on stdout)
import { readFileSync } from 'node:fs'
import { parse } from '@retorquere/bibtex-parser'

// REFS_BBT_PLAIN=1: no sentence-casing (to compare LaTeX decoding only)
const options = process.env.REFS_BBT_PLAIN
  ? { unsupported: 'ignore', applyCrossRef: true, sentenceCase: false }
  : { unsupported: 'ignore', applyCrossRef: true }

for (const file of process.argv.slice(2)) {
  let out
  try {
    const lib = parse(readFileSync(file, 'utf8'), options)
    out = {
      file,
      entries: lib.entries.map(e => ({ type: e.type, key: e.key, fields: e.fields })),
      errors: lib.errors.map(e => String(e.error || e.message || JSON.stringify(e))).slice(0, 20),
    }
  } catch (err) {
    out = { file, entries: [], errors: [`crash: ${err && err.message}`] }
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}
