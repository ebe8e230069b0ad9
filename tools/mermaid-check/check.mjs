// Parses every ```mermaid block of the Markdown files named on the command line with Mermaid's
// own parser (mermaid.parse), the one GitHub and the Mermaid live editor use to render them.
//
//   node check.mjs README.md docs/architecture/sequences.md …
//
// Prints one line per block; exits 1 naming the file, the block's first line and the parser's
// message when any block does not parse (or a mermaid fence is never closed), 2 on bad usage.
//
// Mermaid sanitises labels with DOMPurify, which needs a DOM: jsdom provides one in plain Node,
// so no browser is involved. Run by tests/Docs.Tests (MermaidSpecs).
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs <markdown file>…');
  process.exit(2);
}

const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

/** The ```mermaid blocks of one Markdown text: { line (1-based, of the opening fence), text }. */
function blocks(markdown) {
  const lines = markdown.split(/\r?\n/);
  const found = [];
  let fence = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence === null) {
      const open = /^ {0,3}(`{3,}|~{3,})\s*(\S*)/.exec(line);
      if (open) {
        fence = { marker: open[1], mermaid: open[2].toLowerCase() === 'mermaid', line: i + 1, body: [] };
      }
    } else if (new RegExp(`^ {0,3}${fence.marker[0]}{${fence.marker.length},}\\s*$`).test(line)) {
      if (fence.mermaid) {
        found.push({ line: fence.line, text: fence.body.join('\n') });
      }
      fence = null;
    } else {
      fence.body.push(line);
    }
  }

  if (fence?.mermaid) {
    found.push({ line: fence.line, text: null });
  }

  return found;
}

let failures = 0;
let parsed = 0;
for (const file of files) {
  let markdown;
  try {
    markdown = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`${file}: cannot be read: ${e.message}`);
    failures++;
    continue;
  }

  for (const [index, block] of blocks(markdown).entries()) {
    const where = `${file}:${block.line} (mermaid block ${index + 1})`;
    if (block.text === null) {
      console.error(`FAIL ${where}: the fence is never closed`);
      failures++;
      continue;
    }

    try {
      const result = await mermaid.parse(block.text);
      if (!result || !result.diagramType) {
        throw new Error('not recognised as any Mermaid diagram');
      }

      parsed++;
      console.log(`ok   ${where}: ${result.diagramType}`);
    } catch (e) {
      failures++;
      const message = String(e?.message ?? e).split('\n').slice(0, 4).join('\n       ');
      console.error(`FAIL ${where}: ${message}`);
      console.error(`       first line: ${block.text.split('\n').find((l) => l.trim() !== '') ?? '(empty)'}`);
    }
  }
}

console.log(`${parsed} mermaid block(s) parsed, ${failures} failure(s), ${files.length} file(s)`);
process.exit(failures === 0 ? 0 : 1);
