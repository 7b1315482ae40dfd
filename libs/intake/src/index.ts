export * from './complaint-record.dto';
export * from './complaint-validation';
export * from './complaint-csv.parser';
export * from './complaint-intake.service';
export * from './intake-errors';
export * from './intake-observer';
export * from './submission-coalescer';
