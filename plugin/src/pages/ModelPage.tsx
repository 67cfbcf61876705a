import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useGetModel, useGetModelCard, useGetModelDownload, useGetModelSnippets, useListModelFiles } from '@mlhub/sdk/react';
import { CardTab } from '../components/CardTab.js';
import { CodeBlock } from '../components/CodeBlock.js';
import { Facts } from '../components/Facts.js';
import { FilesTab } from '../components/FilesTab.js';
import { QueryView } from '../components/QueryView.js';
import { TabbedSections } from '../components/TabbedSections.js';
import { formatBytes, formatCount } from '../format.js';
import { InferencePanel } from './inference/InferencePanel.js';
import { useHubRepository } from './repository-base.js';

export function ModelPage({ modelId }: { modelId: string }) {
  const model = useGetModel(modelId);
  return (
    <QueryView query={model} label={`model ${modelId}`}>
      {(m) => (
        <Stack spacing={2}>
          <Stack direction="row" alignItems="center" flexWrap="wrap" useFlexGap spacing={1}>
            <Typography variant="h5" component="h2" sx={{ overflowWrap: 'anywhere' }}>
              {m.id}
            </Typography>
            {m.pipelineTag && <Chip label={m.pipelineTag} color="primary" size="small" />}
            {m.servable && <Chip label="servable" color="success" size="small" />}
          </Stack>
          {m.requestedId && m.requestedId !== m.id && (
            <Alert severity="info">
              {m.requestedId} now lives at {m.id}.
            </Alert>
          )}
          <Facts
            facts={[
              ['Task', m.pipelineTag ?? '–'],
              ['Library', m.library ?? '–'],
              ['License', m.license ?? '–'],
              ['Downloads', formatCount(m.downloads)],
              ['Likes', formatCount(m.likes)],
              ['Gated', m.gated === false ? 'no' : m.gated],
              ['Source', m.source],
              ['Size', formatBytes(m.storageBytes)],
            ]}
          />
          <TabbedSections
            label="Model sections"
            sections={[
              { key: 'card', title: 'Model card', render: () => <ModelCard modelId={m.id} /> },
              { key: 'files', title: 'Files', render: () => <ModelFiles modelId={m.id} /> },
              { key: 'use', title: 'Use this model', render: () => <ModelSnippets modelId={m.id} /> },
              { key: 'inference', title: 'Inference', render: () => <InferencePanel modelId={m.id} /> },
            ]}
          />
        </Stack>
      )}
    </QueryView>
  );
}

function ModelCard({ modelId }: { modelId: string }) {
  return <CardTab card={useGetModelCard(modelId)} files={useHubRepository('model', modelId)} />;
}

function ModelFiles({ modelId }: { modelId: string }) {
  return (
    <FilesTab
      files={useListModelFiles(modelId)}
      download={useGetModelDownload(modelId)}
      fetchStoreFile={useHubRepository('model', modelId).fetch}
    />
  );
}

function ModelSnippets({ modelId }: { modelId: string }) {
  return (
    <QueryView query={useGetModelSnippets(modelId)} label="snippets" isEmpty={(s) => s.length === 0} empty="No snippets for this model.">
      {(snippets) => snippets.map((snippet) => <CodeBlock key={snippet.id} title={snippet.title} code={snippet.content} />)}
    </QueryView>
  );
}
