// The English pieces of the generated tokenizers, derived deterministically from real text: the model and dataset
// cards in ../shared/data/cards (see its SOURCES.md). The derivation runs once and its result is committed as
// pieces.tsv, so a site without ../shared still writes models (`npm run model:make -- --refresh-pieces` rewrites it;
// scripts/test/model-tokenizer.test.ts fails when it drifts from the cards).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const METASPACE = '\u2581';

/** pieces.tsv beside this file: `piece<TAB>count`, single characters first, then pieces by decreasing gain. */
export const piecesFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pieces.tsv');

const MAX_PIECE_LENGTH = 16;
const MAX_DIGITS = 3;
const MIN_COUNT = 2;
const REDUNDANT = 0.8;
/** Enough multi-character pieces for the largest shape (flan-t5-small's 32,128 ids). */
const MAX_PIECES = 32_500;
const MIN_LATIN_LETTER_COUNT = 10;

export interface Piece {
  piece: string;
  count: number;
}

const ALLOWED = /^[\p{Script=Latin}\p{N}\p{P}\p{S}]+$/u;

function printableAscii(): string[] {
  return Array.from({ length: 0x7e - 0x21 + 1 }, (_, index) => String.fromCharCode(0x21 + index));
}

/** Every `.md` under `dir`, in a fixed order. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && name !== 'SOURCES.md')
    .sort()
    .map((name) => path.join(dir, name));
}

/** Counts words (whitespace-separated, URLs dropped, NFKC) of the cards, then ranks their substrings. */
export function derivePieces(cardsDir: string): Piece[] {
  const words = new Map<string, number>();
  const characters = new Map<string, number>();
  for (const file of markdownFiles(cardsDir)) {
    const text = readFileSync(file, 'utf8')
      .normalize('NFKC')
      .replace(/https?:\/\/\S+/g, ' ');
    for (const word of text.split(/\s+/)) {
      if (word.length === 0) continue;
      words.set(word, (words.get(word) ?? 0) + 1);
      for (const character of word) characters.set(character, (characters.get(character) ?? 0) + 1);
    }
  }
  // Substrings of each word's runs of letters, of digits and of other symbols, the first run in its Metaspace form
  // ("▁word"): that is where a Unigram tokenizer's pieces fall.
  const candidates = new Map<string, number>();
  for (const [word, count] of words) {
    const runs = word.match(/\p{L}+|\p{N}+|[^\p{L}\p{N}]+/gu) ?? [];
    runs.forEach((run, index) => {
      const form = [...(index === 0 ? METASPACE + run : run)];
      const longest = /\p{N}/u.test(run) ? MAX_DIGITS : MAX_PIECE_LENGTH;
      for (let start = 0; start < form.length; start++) {
        for (let end = start + 2; end <= Math.min(form.length, start + longest); end++) {
          const piece = form.slice(start, end).join('');
          candidates.set(piece, (candidates.get(piece) ?? 0) + count);
        }
      }
    });
  }
  // A piece almost always seen inside one longer piece ("nformatio" in "nformation") adds nothing: keep a piece only
  // when no one-character extension of it has REDUNDANT of its count.
  const extended = new Map<string, number>();
  for (const [piece, count] of candidates) {
    for (const part of [piece.slice(0, -1), piece.slice(1)]) {
      if ([...part].length >= 2) extended.set(part, Math.max(extended.get(part) ?? 0, count));
    }
  }
  const singles = new Set([METASPACE, ...printableAscii()]);
  for (const [character, count] of characters) {
    if (/\p{Script=Latin}/u.test(character) && count >= MIN_LATIN_LETTER_COUNT) singles.add(character);
  }
  const singlePieces = [...singles]
    .sort()
    .map((piece) => ({ piece, count: piece === METASPACE ? words.size : (characters.get(piece) ?? 1) }));
  // Gain = count * (length - 1): the tokens a piece saves over spelling its characters out.
  // Redundant pieces come after every other one: the largest shapes need them to fill their vocabulary.
  const byGain = (a: { piece: string; gain: number }, b: { piece: string; gain: number }) =>
    b.gain - a.gain || (a.piece < b.piece ? -1 : a.piece > b.piece ? 1 : 0);
  const scored = [...candidates]
    .filter(([piece, count]) => count >= MIN_COUNT && ALLOWED.test(piece.startsWith(METASPACE) ? piece.slice(1) || 'a' : piece))
    .map(([piece, count]) => ({
      piece,
      count,
      gain: count * ([...piece].length - 1),
      redundant: (extended.get(piece) ?? 0) >= REDUNDANT * count,
    }));
  const ranked = [...scored.filter((entry) => !entry.redundant).sort(byGain), ...scored.filter((entry) => entry.redundant).sort(byGain)]
    .slice(0, MAX_PIECES)
    .map(({ piece, count }) => ({ piece, count }));
  return [...singlePieces, ...ranked];
}

export function serialisePieces(pieces: readonly Piece[]): string {
  return pieces.map(({ piece, count }) => `${piece}\t${count}\n`).join('');
}

export function readPieces(file = piecesFile): { singles: Piece[]; ranked: Piece[] } {
  const pieces = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const tab = line.lastIndexOf('\t');
      return { piece: line.slice(0, tab), count: Number(line.slice(tab + 1)) };
    });
  const singles = pieces.filter(({ piece }) => [...piece].length === 1);
  return { singles, ranked: pieces.slice(singles.length) };
}
