import { THEME_IDS, type ThemeId } from '../../../model/taxonomy';
import { tokenise, type Token } from '../../text/tokenise';
import type { ThemeLexicon } from './theme-lexicon';

/** A lexicon phrase found in a text. Offsets are into the text that was matched. */
export interface LexiconHit {
  readonly theme: ThemeId;
  readonly weight: number;
  /** True when a negation outside the phrase denies it ("no delay", "not rude"). */
  readonly negated: boolean;
  /** A problem or "about" phrase (says what went wrong / what the complaint is about), not a mere mention. */
  readonly problem: boolean;
  readonly start: number;
  readonly end: number;
  /** Identifies the lexicon entry, so a phrase repeated in a text counts once. */
  readonly phraseId: number;
}

interface Phrase {
  readonly id: number;
  readonly theme: ThemeId;
  readonly weight: number;
  /** Deniable by a negation in front of it. */
  readonly problem: boolean;
  /** Says what the complaint is about (problem and "about" phrases), not a mere mention. */
  readonly strong: boolean;
  readonly containsNegation: boolean;
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  readonly phrases: Phrase[];
}

const NEGATION_STEM = 'not';
/** Words allowed between a negation and the rest of its phrase ("never properly told"). */
const MAX_GAP_AFTER_NEGATION = 2;
/**
 * Only adverbs and a few fillers may sit in that gap: "no delay in the referral" must not
 * read as "not referred". Matched on the lower-cased word.
 */
const GAP_FILLERS = new Set(['one', 'body', 'ever', 'even', 'yet', 'get', 'got', 'been', 'being', 'actually', 'once']);

function isGapFiller(token: Token): boolean {
  return token.lower.endsWith('ly') || GAP_FILLERS.has(token.lower);
}

function newNode(): TrieNode {
  return { next: new Map(), phrases: [] };
}

/** Content tokens (stop words dropped) are what phrases are matched against. */
export function contentTokens(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => !t.stop && !t.lower.startsWith('['));
}

/**
 * Compiled lexicon: a trie over phrase stems, so matching costs one map lookup per token
 * plus a short walk where a phrase starts, whatever the size of the lexicon.
 */
export class LexiconMatcher {
  private readonly root = newNode();
  private phraseCount = 0;

  constructor(lexicon: Readonly<Record<ThemeId, ThemeLexicon>>) {
    for (const theme of THEME_IDS) {
      for (const [phrase, weight] of lexicon[theme].topic) this.add(theme, phrase, weight, false, false);
      for (const [phrase, weight] of lexicon[theme].about ?? []) this.add(theme, phrase, weight, false, true);
      for (const [phrase, weight] of lexicon[theme].problem) this.add(theme, phrase, weight, true, true);
    }
  }

  private add(theme: ThemeId, phrase: string, weight: number, problem: boolean, strong: boolean): void {
    const stems = contentTokens(tokenise(phrase)).map((t) => t.stem);
    if (stems.length === 0) throw new Error(`Lexicon phrase "${phrase}" (${theme}) has no content words`);
    let node = this.root;
    for (const s of stems) {
      let child = node.next.get(s);
      if (child === undefined) {
        child = newNode();
        node.next.set(s, child);
      }
      node = child;
    }
    // Inflections of one phrase ("record", "records", "recorded") share their stems: one entry
    // per theme and kind, at the highest weight, so a word does not count two or three times.
    const index = node.phrases.findIndex((p) => p.theme === theme && p.problem === problem && p.strong === strong);
    const entry: Phrase = { id: this.phraseCount, theme, weight, problem, strong, containsNegation: stems.includes(NEGATION_STEM) };
    if (index < 0) node.phrases.push(entry);
    else if (node.phrases[index].weight < weight) node.phrases[index] = { ...entry, id: node.phrases[index].id };
    this.phraseCount += 1;
  }

  /** All phrase occurrences in the tokens (content tokens only, as from `contentTokens`). */
  match(tokens: readonly Token[], content: readonly Token[]): LexiconHit[] {
    const hits: LexiconHit[] = [];
    for (let i = 0; i < content.length; i += 1) {
      const first = this.root.next.get(content[i].stem);
      if (first !== undefined) this.walk(first, content, i, i, tokens, hits);
    }
    return hits;
  }

  private walk(node: TrieNode, content: readonly Token[], startIndex: number, lastIndex: number, tokens: readonly Token[], hits: LexiconHit[]): void {
    for (const phrase of node.phrases) {
      hits.push(toHit(phrase, content[startIndex], content[lastIndex], tokens));
    }
    if (node.next.size === 0) return;
    const gap = content[lastIndex].stem === NEGATION_STEM ? MAX_GAP_AFTER_NEGATION : 0;
    for (let j = lastIndex + 1; j <= lastIndex + 1 + gap && j < content.length; j += 1) {
      // A phrase never spans two clauses: "late. Diagnosis was..." is not "late diagnosis".
      if (content[j].clauseStart) return;
      const child = node.next.get(content[j].stem);
      if (child !== undefined) this.walk(child, content, startIndex, j, tokens, hits);
      if (!isGapFiller(content[j])) return;
    }
  }
}

function toHit(phrase: Phrase, first: Token, last: Token, tokens: readonly Token[]): LexiconHit {
  return {
    theme: phrase.theme,
    weight: phrase.weight,
    negated: phrase.problem && !phrase.containsNegation && isDenied(first, tokens),
    problem: phrase.strong,
    start: first.start,
    end: last.end,
    phraseId: phrase.id,
  };
}

/** Only a real negation denies a problem: "left without heating" is still a complaint. */
function isDenied(first: Token, tokens: readonly Token[]): boolean {
  return first.negatedBy >= 0 && tokens[first.negatedBy].stem === NEGATION_STEM;
}
