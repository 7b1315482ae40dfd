/** The rule lives in libs/domain/src/contacts: the API's contact DTOs and the web pages share it. */
export { isEmailAddress } from '@app/domain/contacts';
