import { isEmail } from 'class-validator';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * `isEmail`, refusing text that is not well-formed UTF-16 first: validator's isEmail decodes
 * the domain with decodeURIComponent and throws URIError on a lone surrogate, which would turn
 * a bad request into a 500.
 */
export function isEmailAddress(value: unknown): boolean {
  return typeof value === 'string' && !LONE_SURROGATE.test(value) && isEmail(value);
}
