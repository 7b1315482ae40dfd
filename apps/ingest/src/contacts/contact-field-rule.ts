import { ValidateBy } from 'class-validator';
import { CONTACT_FIELD_RULES, type ContactField } from '@app/domain/contacts';

/**
 * A contact field checked by the shared rule in libs/domain/src/contacts (the web pages use
 * the same rules), with the rule's sentence as the message.
 */
export function ContactFieldRule(field: ContactField): PropertyDecorator {
  const rule = CONTACT_FIELD_RULES[field];
  return ValidateBy({
    name: `contact-${field}`,
    validator: {
      validate: (value: unknown) => rule(value) === null,
      defaultMessage: (args) => rule(args?.value) ?? `${field} is not valid`,
    },
  });
}
