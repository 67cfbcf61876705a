/**
 * The Hugging Face API bodies the normaliser reads: `GET /api/models/{id}`, `GET /api/datasets/{id}` and the
 * items of their list answers. Captures differ in which keys they carry (`expand[]`, `blobs=true`, age of the
 * capture), and a live hub may send anything, so the normaliser takes any JSON object and checks each value
 * it reads; the named shapes document the keys it uses. They are type aliases, not interfaces, so a typed
 * body is also an `ApiBody`.
 */
export type ApiBody = Readonly<Record<string, unknown>>;

export type ApiSibling = {
  rfilename: string;
  /** Present with `blobs=true`. */
  size?: number;
  blobId?: string;
  lfs?: { sha256: string; size: number; pointerSize?: number };
};

type RepoBody = {
  _id?: string;
  id: string;
  author?: string;
  sha?: string;
  private?: boolean;
  /** The live API says false, "auto" or "manual"; only derived exports reduce it to a boolean. */
  gated?: boolean | 'auto' | 'manual';
  downloads?: number;
  likes?: number;
  trendingScore?: number;
  createdAt?: string;
  lastModified?: string;
  tags?: string[];
  cardData?: Record<string, unknown>;
  siblings?: ApiSibling[];
};

export type ApiModelBody = RepoBody & {
  pipeline_tag?: string;
  library_name?: string;
  config?: { model_type?: string; architectures?: string[] } & Record<string, unknown>;
  transformersInfo?: { pipeline_tag?: string; auto_model?: string } & Record<string, unknown>;
  safetensors?: { total?: number };
  usedStorage?: number;
};

export type ApiDatasetBody = RepoBody & {
  description?: string;
  paperswithcode_id?: string | null;
};

/** A `GET /api/{kind}s/{id}/tree/{sha}` entry (also what `@huggingface/hub`'s `listFiles` yields). */
export type ApiTreeEntry = {
  type: string;
  path: string;
  oid?: string;
  size: number;
  lfs?: { oid: string; size: number; pointerSize?: number };
};
