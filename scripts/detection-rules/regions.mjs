// Generated regions inside hand-written files: the text between a BEGIN and an END marker line is the
// generator's, the rest the author's. The markers are comments of the file's language.
const MARKERS = {
  yaml: [
    '# BEGIN generated from spec/detection-rules.yaml by scripts/generate-detection-rules.mjs',
    '# END generated',
  ],
  md: [
    '<!-- BEGIN generated from spec/detection-rules.yaml by scripts/generate-detection-rules.mjs -->',
    '<!-- END generated -->',
  ],
};

/** `text` with the lines between its markers (indented like the BEGIN marker) replaced by `content`. */
export function replaceRegion(path, text, kind, content) {
  const [begin, end] = MARKERS[kind];
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === begin);
  const stop = lines.findIndex((line, index) => index > start && line.trim() === end);
  if (start < 0 || stop < 0) {
    throw new Error(`${path}: the lines "${begin}" and "${end}" that mark the generated part are missing`);
  }
  const body = content.endsWith('\n') ? content.slice(0, -1) : content;
  return [...lines.slice(0, start + 1), body, ...lines.slice(stop)].join('\n');
}
