export * from './contact-fields';
export { isEmailAddress } from './email-address';
