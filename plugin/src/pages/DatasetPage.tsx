import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useGetDataset, useGetDatasetCard, useGetDatasetDownload, useListDatasetFiles } from '@mlhub/sdk/react';
import { CardTab } from '../components/CardTab.js';
import { Facts } from '../components/Facts.js';
import { FilesTab } from '../components/FilesTab.js';
import { QueryView } from '../components/QueryView.js';
import { TabbedSections } from '../components/TabbedSections.js';
import { formatCount } from '../format.js';
import { useHubRepository } from './repository-base.js';

export function DatasetPage({ datasetId }: { datasetId: string }) {
  const dataset = useGetDataset(datasetId);
  return (
    <QueryView query={dataset} label={`dataset ${datasetId}`}>
      {(d) => (
        <Stack spacing={2}>
          <Stack direction="row" alignItems="center" flexWrap="wrap" useFlexGap spacing={1}>
            <Typography variant="h5" component="h2" sx={{ overflowWrap: 'anywhere' }}>
              {d.id}
            </Typography>
            {d.taskCategories.map((task) => (
              <Chip key={task} label={task} size="small" color="primary" />
            ))}
          </Stack>
          {d.requestedId && d.requestedId !== d.id && (
            <Alert severity="info">
              {d.requestedId} now lives at {d.id}.
            </Alert>
          )}
          {d.description && <Typography variant="body2">{d.description}</Typography>}
          <Facts
            facts={[
              ['Size', d.sizeCategories.join(', ') || '–'],
              ['Benchmarks', d.benchmarks.join(', ') || '–'],
              ['License', d.license ?? '–'],
              ['Languages', d.languages.join(', ') || '–'],
              ['Downloads', formatCount(d.downloads)],
              ['Likes', formatCount(d.likes)],
              ['Gated', d.gated === false ? 'no' : d.gated],
              ['Source', d.source],
            ]}
          />
          <TabbedSections
            label="Dataset sections"
            sections={[
              { key: 'card', title: 'Dataset card', render: () => <DatasetCard datasetId={d.id} /> },
              { key: 'files', title: 'Files', render: () => <DatasetFiles datasetId={d.id} /> },
            ]}
          />
        </Stack>
      )}
    </QueryView>
  );
}

function DatasetCard({ datasetId }: { datasetId: string }) {
  return <CardTab card={useGetDatasetCard(datasetId)} files={useHubRepository('dataset', datasetId)} />;
}

function DatasetFiles({ datasetId }: { datasetId: string }) {
  return (
    <FilesTab
      files={useListDatasetFiles(datasetId)}
      download={useGetDatasetDownload(datasetId)}
      fetchStoreFile={useHubRepository('dataset', datasetId).fetch}
    />
  );
}
