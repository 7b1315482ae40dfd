/** A problem with one field of a record or of the file, named so a person can fix it. */
export interface FieldError {
  /** The item (data row) it belongs to, when reported for a whole batch. */
  index?: number;
  field: string;
  message: string;
}

/**
 * The CSV file as a whole cannot be taken (no header, an unknown column, too many rows, a row
 * over the size limit). Each door answers it its own way: ingest with a 400, the web app with
 * a GOV.UK error on the form. Messages never quote the file's content.
 */
export class CsvFileRejected extends Error {
  constructor(
    readonly details: FieldError[],
    message: string,
  ) {
    super(message);
    this.name = 'CsvFileRejected';
  }
}
