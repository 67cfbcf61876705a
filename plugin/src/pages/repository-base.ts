const HUB = 'https://huggingface.co';

/** Where a card's relative links and images point: the repository's files at the card's revision. */
export function huggingFaceRepository(kind: 'model' | 'dataset', id: string, sha: string | null): string {
  return `${HUB}/${kind === 'dataset' ? 'datasets/' : ''}${id}/resolve/${sha ?? 'main'}/`;
}
