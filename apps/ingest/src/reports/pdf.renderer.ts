/**
 * Prints an HTML page to PDF. A small seam so the report service does not know which
 * browser does the printing (and a test or another deployment can provide its own).
 */
export abstract class PdfRenderer {
  /** The PDF bytes, or PdfUnavailableError when printing cannot be done now. */
  abstract render(html: string): Promise<Buffer>;
}

/** Printing is not possible (no browser installed, or it took too long): the HTML form still works. */
export class PdfUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfUnavailableError';
  }
}
