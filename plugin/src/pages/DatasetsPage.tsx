import { keepPreviousData } from '@tanstack/react-query';
import { getDatasetFacetsOptions, listDatasetsOptions, useGetDatasetFacets, useListDatasets } from '@mlhub/sdk/react';
import type { DatasetSummary } from '@mlhub/sdk';
import Typography from '@mui/material/Typography';
import { CatalogList, type ListQuery } from '../components/CatalogList.js';
import { RepoRow } from '../components/RepoRow.js';
import { useFetchDuringRender } from '../fetch-during-render.js';
import { idPath, useTab } from '../tab-context.js';

const DATASET_SORTS = ['downloads', 'likes', 'trending', 'created', 'updated', 'id'] as const;
const FACETS = [
  { key: 'task', label: 'Task' },
  { key: 'size', label: 'Size' },
  { key: 'language', label: 'Language' },
  { key: 'license', label: 'License' },
];
const TEXT = [
  { key: 'author', label: 'Author' },
  { key: 'benchmark', label: 'Benchmark' },
];
const BOOLEAN = [{ key: 'gated', label: 'Gated' }];

const useDatasetPage = (query: ListQuery) => {
  useFetchDuringRender(listDatasetsOptions, query);
  return useListDatasets(query, { placeholderData: keepPreviousData });
};
const useDatasetFacets = (query: ListQuery) => {
  useFetchDuringRender(getDatasetFacetsOptions, query);
  return useGetDatasetFacets(query, { placeholderData: keepPreviousData });
};

export function DatasetsPage() {
  const { base } = useTab();
  return (
    <>
      <Typography variant="h5" component="h2" gutterBottom>
        Datasets
      </Typography>
      <CatalogList<DatasetSummary>
        noun="datasets"
        facets={FACETS}
        textFilters={TEXT}
        booleanFilters={BOOLEAN}
        sorts={DATASET_SORTS}
        useList={useDatasetPage}
        useFacets={useDatasetFacets}
        renderItem={(dataset) => (
          <RepoRow
            key={dataset.id}
            to={`${base}/datasets/${idPath(dataset.id)}`}
            id={dataset.id}
            tags={[...dataset.taskCategories.slice(0, 2), ...dataset.sizeCategories.slice(0, 1)]}
            downloads={dataset.downloads}
            likes={dataset.likes}
            updated={dataset.lastModified}
          />
        )}
      />
    </>
  );
}
