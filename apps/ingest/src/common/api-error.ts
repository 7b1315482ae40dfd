import { HttpException, HttpStatus } from '@nestjs/common';

/** One entry of the `details` array of every error answer (see DESIGN.md, HTTP contract). */
export interface ErrorDetail {
  index?: number;
  field: string;
  message: string;
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
}

export class ApiError extends HttpException {
  constructor(status: HttpStatus, message: string, readonly details: ErrorDetail[] = []) {
    super(message, status);
  }
}

export class ValidationFailed extends ApiError {
  constructor(details: ErrorDetail[], message = 'The request is not valid') {
    super(HttpStatus.BAD_REQUEST, message, details);
  }
}
