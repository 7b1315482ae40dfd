import type { SeedContact, SeedOrganisation } from './ingest-api.client';
import data from './data/organisations.json';

/** One made-up organisation with its contacts (`data/organisations.json`). */
export interface SeedOrganisationSpec extends SeedOrganisation {
  /** Stable key the complaint data refers to. */
  key: string;
  /** Part of the small first-start sample (the demo year loads every organisation). */
  sample: boolean;
  contacts: SeedContact[];
}

export const SEED_ORGANISATIONS: readonly SeedOrganisationSpec[] = (data.organisations as Array<Omit<SeedOrganisationSpec, 'sample'> & { sample?: boolean }>).map(
  (organisation) => ({ ...organisation, sample: organisation.sample === true }),
);

export const SAMPLE_ORGANISATIONS: readonly SeedOrganisationSpec[] = SEED_ORGANISATIONS.filter((organisation) => organisation.sample);

/** The addresses to sign in with: the Ombudsman's first contact (sees every body) and a body's. */
export const SIGN_IN_ADDRESSES = {
  ombudsman: contactOf('ombudsman', 0),
  body: contactOf('riverside', 0),
} as const;

function contactOf(key: string, index: number): string {
  const email = SEED_ORGANISATIONS.find((organisation) => organisation.key === key)?.contacts[index]?.email;
  if (!email) throw new Error(`data/organisations.json has no contact ${index} for ${key}`);
  return email;
}

/** The line a person reads to sign in, after sample or demo data is loaded. */
export function signInLine(webUrl: string, mailGoes: string): string {
  return `Sign in at ${webUrl} as ${SIGN_IN_ADDRESSES.ombudsman} (all bodies) or ${SIGN_IN_ADDRESSES.body} (a body); the link arrives ${mailGoes}`;
}
