import type { AppConfig } from '@app/config';
import { ChromiumPdfRenderer } from './chromium-pdf.renderer';
import { PdfUnavailableError } from './pdf.renderer';

/** Needs Debian's chromium (installed by .ci/run); the end-to-end test checks the PDF's contents. */
describe('ChromiumPdfRenderer', () => {
  const renderer = (config: Partial<AppConfig>) => new ChromiumPdfRenderer({ chromiumPath: '/usr/bin/chromium', pdfRenderTimeoutMs: 30_000, ...config } as AppConfig);
  const page = '<!DOCTYPE html><html lang="en-GB"><body><h1>Report</h1><img src="http://198.51.100.1/x.png" alt=""></body></html>';

  it('says what to install when Chromium is missing', async () => {
    const missing = renderer({ chromiumPath: '/nonexistent/chromium' });
    await expect(missing.render(page)).rejects.toThrow(PdfUnavailableError);
    await expect(missing.render(page)).rejects.toThrow(/apt-get install chromium.*CHROMIUM_PATH/);
  });

  it('reuses one browser for every render and gives up on one past the time limit', async () => {
    // One config object, read on every render: the time limit is tightened on the same browser (one launch per file).
    const config = { chromiumPath: '/usr/bin/chromium', pdfRenderTimeoutMs: 30_000 } as AppConfig;
    const pdf = new ChromiumPdfRenderer(config);
    try {
      const [first, second] = await Promise.all([pdf.render(page), pdf.render(page)]);
      expect(first.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(second.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const browser = (pdf as unknown as { browser: Promise<unknown> }).browser;
      config.pdfRenderTimeoutMs = 1;
      await expect(pdf.render(page)).rejects.toThrow(/took longer than 1 ms/);
      expect((pdf as unknown as { browser: Promise<unknown> }).browser).toBe(browser);
    } finally {
      await pdf.onApplicationShutdown();
    }
  }, 60_000);
});
