/** examples/demo/expected-alerts.generated.mjs: the alerts the demo's attacks must raise with the default rules. */
export function renderDemoExpectations({ rules }) {
  const entries = rules
    .filter((rule) => rule.demo)
    .map(
      (rule) =>
        `  ${rule.name}: { attack: ${jsString(rule.demo.attack)}, key: ${jsString(String(rule.demo.key))} },\n`,
    );
  return [
    '// Generated from spec/detection-rules.yaml by scripts/generate-detection-rules.mjs - do not edit.\n',
    '\n',
    '/**\n',
    " * The alerts the attack simulator's attacks must raise with the collector's default rules: rule name -> the\n",
    " * attack that raises it and the value of the alert's key (the attacker's address, or the account).\n",
    ' * @type {Readonly<Record<string, { attack: string, key: string }>>}\n',
    ' */\n',
    'export const EXPECTED_ALERTS = Object.freeze({\n',
    ...entries,
    '});\n',
  ].join('');
}

/** A single-quoted JavaScript string literal, as the repository's formatter writes them. */
function jsString(text) {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
