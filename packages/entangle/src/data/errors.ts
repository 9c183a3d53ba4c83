import { EntangleError } from '../core/errors.js';

/** A data file or a data procedure was given something it cannot use; the message says what, where and how to fix it. */
export class DataError extends EntangleError {}
