import { keepPreviousData } from '@tanstack/react-query';
import { getModelFacetsOptions, listModelsOptions, useGetModelFacets, useListModels } from '@mlhub/sdk/react';
import type { ModelSummary } from '@mlhub/sdk';
import Typography from '@mui/material/Typography';
import { CatalogList, type ListQuery } from '../components/CatalogList.js';
import { RepoRow } from '../components/RepoRow.js';
import { useFetchDuringRender } from '../fetch-during-render.js';
import { idPath, useTab } from '../tab-context.js';

const MODEL_SORTS = ['downloads', 'likes', 'trending', 'created', 'updated', 'id'] as const;
const FACETS = [
  { key: 'task', label: 'Task' },
  { key: 'library', label: 'Library' },
  { key: 'language', label: 'Language' },
  { key: 'license', label: 'License' },
];
const TEXT = [
  { key: 'author', label: 'Author' },
  { key: 'dataset', label: 'Trained on dataset' },
];
const BOOLEAN = [
  { key: 'gated', label: 'Gated' },
  { key: 'servable', label: 'Servable here' },
];

// Previous rows stay on screen while the next answer loads, so typing does not flash skeletons.
const useModelPage = (query: ListQuery) => {
  useFetchDuringRender(listModelsOptions, query);
  return useListModels(query, { placeholderData: keepPreviousData });
};
const useModelFacets = (query: ListQuery) => {
  useFetchDuringRender(getModelFacetsOptions, query);
  return useGetModelFacets(query, { placeholderData: keepPreviousData });
};

export function ModelsPage() {
  const { base } = useTab();
  return (
    <>
      <Typography variant="h5" component="h2" gutterBottom>
        Models
      </Typography>
      <CatalogList<ModelSummary>
        noun="models"
        facets={FACETS}
        textFilters={TEXT}
        booleanFilters={BOOLEAN}
        sorts={MODEL_SORTS}
        useList={useModelPage}
        useFacets={useModelFacets}
        renderItem={(model) => (
          <RepoRow
            key={model.id}
            to={`${base}/models/${idPath(model.id)}`}
            id={model.id}
            tags={[model.pipelineTag, model.library, model.servable ? 'servable' : null]}
            downloads={model.downloads}
            likes={model.likes}
            updated={model.lastModified}
          />
        )}
      />
    </>
  );
}
