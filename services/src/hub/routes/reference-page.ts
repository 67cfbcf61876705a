import type { HubSpec } from './spec.js';

type Json = Record<string, unknown>;

const escape = (text: unknown): string =>
  (typeof text === 'string' ? text : text == null ? '' : JSON.stringify(text)).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

// `code` spans and paragraphs only: enough Markdown for the spec's descriptions, with no script to run.
const prose = (text: unknown): string =>
  escape(text)
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')}</p>`)
    .join('');

const schemaLabel = (schema: Json | undefined): string => {
  if (!schema) return '';
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).map(String).join(' | ');
  const type = Array.isArray(schema['type'])
    ? (schema['type'] as string[]).join(' | ')
    : String((schema['type'] as string | undefined) ?? 'any');
  const bounds = [
    schema['minimum'] !== undefined ? `min ${String(schema['minimum'] as number)}` : '',
    schema['maximum'] !== undefined ? `max ${String(schema['maximum'] as number)}` : '',
    schema['maxLength'] !== undefined ? `≤ ${String(schema['maxLength'] as number)} chars` : '',
    schema['default'] !== undefined ? `default ${JSON.stringify(schema['default'])}` : '',
  ].filter(Boolean);
  return bounds.length ? `${type} (${bounds.join(', ')})` : type;
};

/**
 * The API reference as one self-contained HTML page rendered from the bundled spec: no script, no outside
 * stylesheet or font, so it works on an air-gapped site and under the default Content-Security-Policy.
 */
export function renderReferencePage(spec: HubSpec): string {
  const info = (spec.document['info'] ?? {}) as Json;
  const tags = ((spec.document['tags'] ?? []) as Json[]).map((t) => String(t['name']));
  const byTag = new Map<string, string[]>();
  for (const op of spec.operations.values()) {
    const tag = op.tags[0] ?? 'Other';
    if (!tags.includes(tag)) tags.push(tag);
    const params = ((op.raw['parameters'] ?? []) as Json[]).map((p) => {
      const ref = typeof p['$ref'] === 'string' ? p['$ref'] : null;
      const param = ref
        ? (ref
            .split('/')
            .slice(1)
            .reduce<unknown>((at, k) => (at as Json)[k], spec.document) as Json)
        : p;
      const schema = (op.query[String(param['name'])]?.schema ?? op.pathParams[String(param['name'])] ?? param['schema']) as
        Json | undefined;
      return `<tr><td><code>${escape(param['name'])}</code></td><td>${escape(param['in'])}</td><td>${escape(schemaLabel(schema))}</td><td>${escape(param['description'])}</td></tr>`;
    });
    const responses = Object.entries((op.raw['responses'] ?? {}) as Json)
      .map(([code]) => `<span class="code c${code[0] ?? ''}">${escape(code)}</span>`)
      .join(' ');
    const html = `<section class="op" id="${escape(op.operationId)}">
<h3><span class="method">${escape(op.method)}</span> <code>${escape(op.path)}</code>${op.deprecated ? ' <span class="deprecated">deprecated</span>' : ''}${op.public ? ' <span class="public">no token</span>' : ''}</h3>
<p class="summary"><strong>${escape(op.raw['summary'])}</strong> · <code>${escape(op.operationId)}</code></p>
${prose(op.raw['description'])}
${params.length ? `<table><thead><tr><th>parameter</th><th>in</th><th>schema</th><th>description</th></tr></thead><tbody>${params.join('')}</tbody></table>` : ''}
<p>Responses: ${responses}</p>
</section>`;
    byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
  }
  const nav = tags
    .filter((t) => byTag.has(t))
    .map((t) => `<li><a href="#tag-${escape(t.replace(/\s+/g, '-'))}">${escape(t)}</a></li>`)
    .join('');
  const body = tags
    .filter((t) => byTag.has(t))
    .map((t) => `<h2 id="tag-${escape(t.replace(/\s+/g, '-'))}">${escape(t)}</h2>${(byTag.get(t) ?? []).join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info['title'])} ${escape(info['version'])}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:1rem 2rem;color:#1b1b1b}
code{font:13px ui-monospace,monospace;background:#f3f3f3;padding:0 .25em;border-radius:3px}
.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.method{font-weight:700;color:#0b5394}.deprecated{color:#a61c00;font-size:.8em}.public{color:#38761d;font-size:.8em}
table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border-bottom:1px solid #eee;padding:.25rem;text-align:left;vertical-align:top}
.code{display:inline-block;padding:0 .4em;border-radius:3px;background:#eee}.c2{background:#d9ead3}.c4{background:#fce5cd}.c5{background:#f4cccc}
</style></head><body>
<h1>${escape(info['title'])} <small>${escape(info['version'])}</small></h1>
${prose(info['description'])}
<p>The machine-readable document: <a href="openapi.json">openapi.json</a>.</p>
<nav><ul>${nav}</ul></nav>
${body}
</body></html>`;
}
