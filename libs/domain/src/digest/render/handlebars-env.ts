import Handlebars from 'handlebars';

/*
 * Two isolated Handlebars environments (never the global one, which other code could add
 * helpers to). The HTML one escapes every {{value}}; templates must never use the
 * triple-stash {{{ }}}, which a test enforces. The text one does not escape (a plain-text
 * part must show "&" as "&"), which is safe because Handlebars never re-parses values.
 * strict: a missing view field throws instead of silently rendering empty.
 */
const htmlEnv = Handlebars.create();
const textEnv = Handlebars.create();

const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true } as const;

export type Template<T> = (view: T) => string;

/** Every template source, kept so a test can check none uses the triple-stash. */
export const TEMPLATE_SOURCES: string[] = [];

export function htmlTemplate<T>(source: string): Template<T> {
  TEMPLATE_SOURCES.push(source);
  return htmlEnv.compile<T>(source, COMPILE_OPTIONS);
}

export function textTemplate<T>(source: string): Template<T> {
  TEMPLATE_SOURCES.push(source);
  return textEnv.compile<T>(source, { ...COMPILE_OPTIONS, noEscape: true });
}

export function htmlPartial(name: string, source: string): void {
  TEMPLATE_SOURCES.push(source);
  htmlEnv.registerPartial(name, source);
}

export function textPartial(name: string, source: string): void {
  TEMPLATE_SOURCES.push(source);
  textEnv.registerPartial(name, source);
}
