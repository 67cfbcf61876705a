import type { InferenceRequest } from '@mlhub/sdk';

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The playground's request as a curl command a user can paste (the token stays a variable). */
export function curlOf(origin: string, modelId: string, request: InferenceRequest): string {
  const url = `${origin}/v3/mlhub/inference/models/${encodeURIComponent(modelId)}/generate`;
  return [
    `curl -N -X POST ${shellQuote(url)}`,
    `  -H "X-Tapis-Token: $TAPIS_TOKEN"`,
    `  -H 'Content-Type: application/json' -H 'Accept: text/event-stream'`,
    `  -d ${shellQuote(JSON.stringify({ ...request, stream: true }))}`,
  ].join(' \\\n');
}

/** The same request through the SDK. */
export function sdkCodeOf(origin: string, modelId: string, request: InferenceRequest): string {
  return `import { createMlHubClient, streamInference } from '@mlhub/sdk';

const hub = createMlHubClient({ baseUrl: ${JSON.stringify(origin)}, getToken: () => process.env.TAPIS_TOKEN });
for await (const event of streamInference(hub, ${JSON.stringify(modelId)}, ${JSON.stringify(request, null, 2).replace(/\n/g, '\n')})) {
  process.stdout.write(event.token.text);
}`;
}
