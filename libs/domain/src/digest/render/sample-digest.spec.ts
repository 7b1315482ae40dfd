import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildContactDigest } from '../build-contact-digest';
import { SAMPLE_RENDER_OPTIONS, sampleDigestInput } from '../testing/sample-digest.fixture';
import { renderContactDigestEmail } from './contact-digest-email';

/*
 * docs/sample-digest.txt is the text part rendered from the fixture. This test keeps it
 * honest: it fails when rendering changes, and `UPDATE_SAMPLES=1 npx jest sample-digest`
 * rewrites the file.
 */
const SAMPLE_PATH = join(__dirname, '../../../../../docs/sample-digest.txt');

function renderSample(): string {
  const digest = buildContactDigest(sampleDigestInput());
  if (!digest) throw new Error('fixture produced no digest');
  const email = renderContactDigestEmail(digest, SAMPLE_RENDER_OPTIONS);
  return `Subject: ${email.subject}\n\n${email.text}`;
}

describe('docs/sample-digest.txt', () => {
  it('matches the rendered fixture', () => {
    const rendered = renderSample();
    // Written only when asked: a missing file is a failure, never a silent pass.
    if (process.env.UPDATE_SAMPLES === '1') writeFileSync(SAMPLE_PATH, rendered, 'utf8');
    expect(existsSync(SAMPLE_PATH)).toBe(true);
    expect(readFileSync(SAMPLE_PATH, 'utf8')).toBe(rendered);
  });
});
