export * from './student-t.js';
export * from './holm.js';
export * from './paired.js';
