import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { streamInference, type GenerationParameters, type InferenceRequest } from '@mlhub/sdk';
import { useMlHubClient } from '@mlhub/sdk/react';
import { useEffect, useRef, useState } from 'react';
import { CodeBlock } from '../../components/CodeBlock.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useTab } from '../../tab-context.js';
import { curlOf, sdkCodeOf } from './request-code.js';

type NumberParameter = Exclude<keyof GenerationParameters, 'do_sample' | 'stop'>;

/** Every generation parameter the inference server honours (the spec's GenerationParameters), with its bounds. */
const NUMBER_PARAMETERS: Array<{ key: NumberParameter; label: string; step: number; min: number; max?: number }> = [
  { key: 'max_new_tokens', label: 'Max new tokens', step: 1, min: 1, max: 2048 },
  { key: 'temperature', label: 'Temperature', step: 0.1, min: 0 },
  { key: 'top_k', label: 'Top k', step: 1, min: 0 },
  { key: 'top_p', label: 'Top p', step: 0.05, min: 0, max: 1 },
  { key: 'num_beams', label: 'Beams', step: 1, min: 1 },
  { key: 'repetition_penalty', label: 'Repetition penalty', step: 0.1, min: 0 },
  { key: 'seed', label: 'Seed', step: 1, min: 0 },
];

/** Only what the user set is sent; blank fields leave the server's defaults. */
function requestOf(prompt: string, numbers: Partial<Record<NumberParameter, string>>, doSample: boolean, stop: string): InferenceRequest {
  const parameters: GenerationParameters = {};
  for (const { key } of NUMBER_PARAMETERS) {
    const value = numbers[key];
    if (value !== undefined && value.trim() !== '' && Number.isFinite(Number(value))) parameters[key] = Number(value);
  }
  if (doSample) parameters.do_sample = true;
  const stops = stop
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (stops.length > 0) parameters.stop = stops;
  return Object.keys(parameters).length > 0 ? { inputs: prompt, parameters } : { inputs: prompt };
}

/** Prompt a running server and watch the tokens arrive; Stop closes the stream, and the hub stops generating. */
export function Playground({ modelId }: { modelId: string }) {
  const client = useMlHubClient();
  const { origin } = useTab();
  const [prompt, setPrompt] = useState('Translate English to German: How old are you?');
  const [numbers, setNumbers] = useState<Partial<Record<NumberParameter, string>>>({ max_new_tokens: '64' });
  const [doSample, setDoSample] = useState(false);
  const [stop, setStop] = useState('');
  const [output, setOutput] = useState('');
  const [finish, setFinish] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  const request = requestOf(prompt, numbers, doSample, stop);

  const run = async () => {
    const abort = new AbortController();
    controller.current = abort;
    setOutput('');
    setFinish(null);
    setFailure(null);
    setRunning(true);
    try {
      for await (const event of streamInference(client, modelId, request, { signal: abort.signal })) {
        if (abort.signal.aborted) break;
        if (!event.token.special) setOutput((text) => text + event.token.text);
        if (event.details) setFinish(event.details.finish_reason);
      }
    } catch (error) {
      if (!abort.signal.aborted) setFailure(error);
    } finally {
      if (!abort.signal.aborted) setRunning(false);
    }
  };

  // The page shows the stop at once; closing the connection (the abort) is what stops the hub generating.
  const stopStream = () => {
    controller.current?.abort();
    setRunning(false);
    setFinish('stopped');
  };

  return (
    <Stack spacing={2} component="section" aria-label="Playground">
      <Typography variant="h6" component="h3">
        Playground
      </Typography>
      <TextField label="Prompt" multiline minRows={3} value={prompt} onChange={(event) => setPrompt(event.target.value)} />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 1.5 }}>
        {NUMBER_PARAMETERS.map(({ key, label, step, min, max }) => (
          <TextField
            key={key}
            size="small"
            type="number"
            label={label}
            value={numbers[key] ?? ''}
            slotProps={{ htmlInput: { step, min, ...(max === undefined ? {} : { max }) } }}
            onChange={(event) => setNumbers((all) => ({ ...all, [key]: event.target.value }))}
          />
        ))}
        <TextField size="small" label="Stop sequences (comma-separated)" value={stop} onChange={(event) => setStop(event.target.value)} />
        <FormControlLabel
          control={<Checkbox checked={doSample} onChange={(event) => setDoSample(event.target.checked)} />}
          label="Sample"
        />
      </Box>
      <Stack direction="row" spacing={1}>
        <Button variant="contained" disabled={running || prompt.trim() === ''} onClick={() => void run()}>
          Generate
        </Button>
        <Button variant="outlined" color="warning" disabled={!running} onClick={stopStream}>
          Stop
        </Button>
      </Stack>
      {failure !== null && <ErrorAlert error={failure} title="Inference failed" />}
      <Box
        component="output"
        aria-label="Generated text"
        aria-live="polite"
        sx={{ display: 'block', minHeight: 48, p: 1, border: 1, borderColor: 'divider', borderRadius: 1, whiteSpace: 'pre-wrap' }}
      >
        {output}
      </Box>
      {finish && <Typography variant="body2">Finished: {finish}</Typography>}
      <CodeBlock title="Request as curl" code={curlOf(origin, modelId, request)} />
      <CodeBlock title="Request with the SDK" code={sdkCodeOf(origin, modelId, request)} />
    </Stack>
  );
}
