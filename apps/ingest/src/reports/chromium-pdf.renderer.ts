import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PdfRenderer, PdfUnavailableError } from './pdf.renderer';

/*
 * The background-networking flags matter: without them Chromium keeps calling Google
 * services, which a closed network refuses (and a server has no business doing).
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A cold start on a busy machine takes seconds; the per-render limit is for the print itself. */
const LAUNCH_TIMEOUT_MS = 30_000;

/**
 * Headless Chromium (Debian's `chromium`, driven by playwright-core). One browser per process,
 * launched on the first PDF asked for (HTML-only deployments never start it) and reused; each
 * render gets its own context, with scripts off and every network request refused, because
 * the page is complete in itself. Closed on shutdown.
 */
@Injectable()
export class ChromiumPdfRenderer extends PdfRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger(ChromiumPdfRenderer.name);
  private browser: Promise<Browser> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async render(html: string): Promise<Buffer> {
    const browser = await this.launched();
    let context: BrowserContext | undefined;
    const work = (async () => {
      context = await browser.newContext({ javaScriptEnabled: false });
      return this.print(context, html);
    })();
    try {
      return await withinTimeLimit(work, this.config.pdfRenderTimeoutMs);
    } finally {
      // Closing the context also stops a print still running after the time limit; a context
      // still being created then is closed as soon as it exists.
      void work.then(close, close);
      await close();
    }

    async function close(): Promise<void> {
      await context?.close().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
  }

  private async print(context: BrowserContext, html: string): Promise<Buffer> {
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return page.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' } });
  }

  /** The running browser, launching it if needed; a failed launch or a crash is retried on the next request. */
  private launched(): Promise<Browser> {
    if (this.browser) return this.browser;
    const pending = this.launch();
    this.browser = pending;
    pending.then(
      (browser) => browser.on('disconnected', () => this.forget(pending)),
      () => this.forget(pending),
    );
    return pending;
  }

  private forget(browser: Promise<Browser>): void {
    if (this.browser === browser) this.browser = null;
  }

  private async launch(): Promise<Browser> {
    const path = this.config.chromiumPath;
    try {
      await access(path, constants.X_OK);
    } catch {
      throw new PdfUnavailableError(
        `PDF reports need Chromium, which is not installed at ${path}: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH. The HTML report works without it.`,
      );
    }
    try {
      const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS });
      this.logger.log({ executable: path }, 'chromium launched for PDF reports');
      return browser;
    } catch (error) {
      this.logger.error({ executable: path, error: error instanceof Error ? error.message.split('\n')[0] : String(error) }, 'chromium did not start');
      throw new PdfUnavailableError(`Chromium at ${path} could not be started, so PDF reports are unavailable; the HTML report still works.`);
    }
  }
}

function withinTimeLimit<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfUnavailableError(`Printing the PDF took longer than ${ms} ms; try again later, or use the HTML form`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
