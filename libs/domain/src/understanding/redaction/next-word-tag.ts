import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * Part-of-speech evidence from winkNLP (`wink-eng-lite-web-model`) for the one case
 * capitalisation cannot settle: a name that is also an English word at the start of a
 * sentence. "Hope rang the ward" (a verb follows: a person) against "Hope this is answered",
 * "Grace period ended", "Mark on his arm", "Rose by 3%" (no verb follows: a word).
 *
 * Why not the library's own person recognition: winkNLP's English lite model has no PERSON
 * entity, and compromise's people() took ~60 ms per 1,000 characters here (≈3,000× the
 * redaction budget) and tagged "grace period" and "a mark" as people. A full wink parse costs
 * ~3 ms per 1,000 characters, so it is run only on a short window after such a word.
 */
let nlp: WinkMethods | undefined;

/** A clause rarely needs more than this to show its verb; keeps each call small and bounded. */
const WINDOW = 24;

/** Verb forms that follow a modal ("Will be", "May have") rather than a subject. */
const AFTER_MODAL = new Set(['be', 'have', 'not']);

/**
 * The commonest followers settle the question without a parse: wink's readDoc costs ~150 µs
 * per call whatever the length, more than redacting 1,000 characters.
 */
const SUBJECT_VERBS = new Set(
  'was is had has said says told tells asked rang rings phoned called wrote complained waited went came did does explained felt needed wanted tried received attended spoke saw'.split(' '),
);
const NOT_AFTER_A_NAME = new Set('the this that these those a an by on in of for to you i we it be have not and or period'.split(' '));
const NEXT_WORD = /^[ \t]*([a-z]+)/;

/** Verbs that, right after an unknown capitalised word, make it the subject: a person. */
const PERSON_VERBS = new Set(
  'said says told tells asked rang rings phoned called wrote complained waited went came explained felt needed wanted tried received attended spoke saw was had has is arrived left visited emailed replied promised agreed refused insisted shouted laughed cried died fell collapsed lives lived works worked'.split(
    ' ',
  ),
);

/** True when the next word is a verb a person does: "Tunde rang", "Chidinma was told". */
export function subjectVerbFollows(text: string, end: number): boolean {
  const next = NEXT_WORD.exec(text.slice(end, end + WINDOW))?.[1];
  return next !== undefined && PERSON_VERBS.has(next);
}

/** True when the word after `word` (at `end` in `text`) is a verb: "Hope rang", not "Hope this". */
export function verbFollows(word: string, text: string, end: number): boolean {
  const window = text.slice(end, end + WINDOW);
  const next = NEXT_WORD.exec(window)?.[1];
  // A number, a capitalised word or punctuation: "Rang 07700…", "May 2024".
  if (next === undefined) return false;
  if (SUBJECT_VERBS.has(next)) return true;
  if (NOT_AFTER_A_NAME.has(next)) return false;
  return taggedVerb(word, window);
}

/** Loads the tagger's model now (~0.5 s) rather than inside the first complaint that needs it. */
export function prepareTagger(): void {
  nlp ??= winkNLP(model);
}

function taggedVerb(word: string, window: string): boolean {
  nlp ??= winkNLP(model);
  const tokens = nlp.readDoc(`${word}${window}`).tokens();
  if (tokens.length() < 2) return false;
  const next = tokens.itemAt(1);
  const pos = next.out(nlp.its.pos);
  return (pos === 'VERB' || pos === 'AUX') && !AFTER_MODAL.has(next.out(nlp.its.normal));
}
