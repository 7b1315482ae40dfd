/*
 * The operator's actions on organisations, their API keys and the routing rules: HTTP-free
 * services shared by ingest (the admin API) and the web app's console (`/admin`), so both
 * validate, write, audit and invalidate the same way. Imported as
 * `@app/persistence/administration`, not from the package root, because they need the queues
 * (`@app/contracts`) and Redis that most users of persistence do not.
 */
export * from './api-key-secret';
export * from './create-organisation.dto';
export * from './organisation-change';
export * from './organisation-administration.service';
export * from './organisation-suspension.service';
export * from './routing-rule-administration.service';
