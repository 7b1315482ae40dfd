import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { ErrorDetail } from './api-error';
import { ValidationFailed } from './api-error';

type Constructor<T> = new () => T;

/**
 * Validates a JSON body against a DTO class, refusing unknown fields by name. Used instead
 * of a global pipe because batch endpoints validate item by item.
 */
export function validateBody<T extends object>(type: Constructor<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationFailed([{ field: '(body)', message: 'the body must be a JSON object' }]);
  }
  let instance: T;
  let errors: ValidationError[];
  try {
    instance = plainToInstance(type, body);
    errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  } catch {
    // Hostile input (lone surrogates, absurd nesting) can make a validator throw: that is a bad body, not a 500.
    throw new ValidationFailed([{ field: '(body)', message: 'the body could not be read as this request' }]);
  }
  const details: ErrorDetail[] = errors.flatMap((error) =>
    Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field: error.property,
      message: rule === 'whitelistValidation' ? 'is not a known field' : message,
    })),
  );
  if (details.length > 0) throw new ValidationFailed(details);
  return instance;
}
