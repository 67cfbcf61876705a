import { readFileSync } from 'node:fs';

// The hub spec's own examples (checked against their schemas by the contract checks) are built from the
// recorded Hugging Face answers in ../shared/data; answering with them keeps tests on real shapes. The
// plugin's tests read them from here too.
const spec = JSON.parse(readFileSync(new URL('../../openapi/dist/hub.openapi.json', import.meta.url), 'utf8')) as {
  components: { examples: Record<string, { value: unknown }> };
};

/** A fresh copy of the hub spec's example `name` (`ModelFlanT5Small`), typed as the caller's schema. */
export function hubExample<T>(name: string): T {
  const found = spec.components.examples[name];
  if (!found) throw new Error(`The hub spec has no example ${name}`);
  return structuredClone(found.value) as T;
}
