/*
 * Reading one complaint and writing its review: HTTP-free services shared by ingest (the API)
 * and the web app. Imported as `@app/persistence/complaints`, not from the package root,
 * because the review service needs the queues (`@app/contracts`) that most users of
 * persistence do not.
 */
export * from './complaint-reader.service';
export * from './complaint-review.service';
export * from './review-view';
