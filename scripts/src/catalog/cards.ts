import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CardProvenance, DatasetRecord, ModelRecord, SnapshotAliases, SnapshotCards } from '@mlhub/services/snapshot';

/** One card of `cards/SOURCES.md`: the README of a Hugging Face repository, byte for byte, and where it comes from. */
export interface CardSource extends CardProvenance {
  /** The id the copy was saved under when it predates a rename (`gpt2`), else null. */
  oldId: string | null;
  /** How SOURCES.md established the current id. */
  idBasis: string;
  /** The copy in the data folder (`cards/models/google__flan-t5-small.md`). */
  localFile: string;
  text: string;
}

const cells = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());

/** The cards `cards/SOURCES.md` lists, read from its two tables (`| [id](file) | kind | old id | source repo | path | commit | card date | ... |`). */
export function readCardSources(dataDir: string, sources: string): CardSource[] {
  const found: CardSource[] = [];
  for (const line of sources.split('\n')) {
    if (!line.startsWith('| [')) continue;
    const [
      link = '',
      kind = '',
      oldId = '',
      sourceRepo = '',
      sourcePath = '',
      commit = '',
      cardDate = '',
      ,
      cardLicence = '',
      ,
      ,
      idBasis = '',
    ] = cells(line);
    const m = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(link);
    if (!m || (kind !== 'model' && kind !== 'dataset'))
      throw new Error(`catalog build: cards/SOURCES.md: cannot read the row ${line.slice(0, 120)}`);
    const file = m[2]!;
    found.push({
      id: m[1]!,
      kind,
      oldId: oldId === '' ? null : oldId,
      sourceRepo,
      commit: commit.replace(/`/g, ''),
      cardDate,
      cardLicence,
      idBasis,
      file: sourcePath.replace(/`/g, ''),
      localFile: `cards/${file}`,
      text: readFileSync(path.join(dataDir, 'cards', file), 'utf8'),
    });
  }
  return found;
}

/** Whether a card loads its own repository by the bare old id (`from_pretrained('gpt2')`, `model='gpt2'`): the rename is the card's own word. */
export function cardNamesItselfBy(text: string, oldId: string): boolean {
  const quoted = oldId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:from_pretrained\\(\\s*|\\bmodel\\s*=\\s*)["']${quoted}["']`).test(text);
}

export interface ShippedCards {
  cards: SnapshotCards;
  provenance: CardProvenance[];
}

/**
 * The card texts the snapshot ships: each card of a repository the snapshot holds, under its current id or
 * under the old id it was saved under (the 2023 dataset ranking keeps pre-namespace names). Adds to `aliases`
 * the renames a card proves: its old id, when the snapshot holds the new one and the card, captured from the
 * new repository, loads itself by the old id.
 */
export function shipCards(
  sources: CardSource[],
  models: Map<string, ModelRecord>,
  datasets: Map<string, DatasetRecord>,
  aliases: SnapshotAliases,
): ShippedCards {
  const cards: SnapshotCards = { models: {}, datasets: {} };
  const provenance: CardProvenance[] = [];
  for (const source of sources) {
    const held = source.kind === 'model' ? models : datasets;
    const kindCards = source.kind === 'model' ? cards.models : cards.datasets;
    const kindAliases = source.kind === 'model' ? aliases.models : aliases.datasets;
    const id = held.has(source.id) ? source.id : source.oldId !== null && held.has(source.oldId) ? source.oldId : undefined;
    if (id === undefined || kindCards[id] !== undefined) continue;
    kindCards[id] = source.text;
    const { text: _text, oldId, idBasis: _basis, localFile: _local, ...shown } = source;
    provenance.push({ ...shown, id });
    if (
      id === source.id &&
      oldId !== null &&
      !held.has(oldId) &&
      kindAliases[oldId] === undefined &&
      cardNamesItselfBy(source.text, oldId)
    ) {
      kindAliases[oldId] = source.id;
    }
  }
  provenance.sort((a, b) => (a.kind !== b.kind ? (a.kind < b.kind ? 1 : -1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { cards, provenance };
}
