import type { DatasetRecord } from '@mlhub/services/snapshot';

/** A row of the 2023 download ranking (`catalog/datasets-top500-2023-03.csv`). */
export interface RankedDatasetRow {
  dataset_name: string;
  author: string;
  dataset_creation_time: string;
  downloads: string;
  task: string;
  domain: string;
}

/** `Tue Jan 25 16:34:18 2022 +0100` (git's date format, as the ranking writes it) as ISO 8601 UTC. */
function gitDateToIso(s: string): string | null {
  const m = /^\w{3} (\w{3}) (\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4}) ([+-])(\d\d)(\d\d)$/.exec(s.trim());
  if (!m) return null;
  const [, mon, day, hh, mm, ss, year, sign, oh, om] = m as unknown as string[];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(mon!);
  if (month < 0) return null;
  const offsetMin = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const utc = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)) - offsetMin * 60_000;
  return new Date(utc).toISOString();
}

export function datasetFromRankedRow(row: RankedDatasetRow): DatasetRecord {
  const tasks =
    row.task === 'None' || row.task === ''
      ? []
      : row.task
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean);
  const downloads = Number(row.downloads);
  if (!Number.isInteger(downloads) || downloads < 0)
    throw new Error(`dataset ranking: ${row.dataset_name} has downloads "${row.downloads}"`);
  return {
    id: row.dataset_name,
    author: row.author || null,
    source: 'snapshot',
    tags: [...tasks.map((t) => `task_categories:${t}`), ...domainTags(row)],
    languages: [],
    license: null,
    taskCategories: tasks,
    sizeCategories: [],
    benchmarks: [],
    downloads,
    likes: null,
    trendingScore: null,
    createdAt: gitDateToIso(row.dataset_creation_time),
    lastModified: null,
    gated: null,
    // The ranking lists public datasets only.
    private: false,
    description: null,
    requestedId: null,
    sha: null,
    cardData: null,
    files: null,
  };
}

/** The ranking's domain (`nlp`, `computer_vision`, ...), kept as a `domain:` tag since the spec has no field for it. */
export const domainTags = (row: RankedDatasetRow): string[] => (row.domain ? [`domain:${row.domain}`] : []);
