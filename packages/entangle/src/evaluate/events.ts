// Progress of training and evaluation, for progress bars and logs.

export type EvaluationEvent =
  | {
      /** A job was sent to the executor, finished, or found in the store. */
      type: 'job-start' | 'job-done' | 'job-cached';
      variant: string;
      model: string;
      seed: number;
      key: string;
      /** ℓ_v of the finished or cached job. */
      testLoss?: number;
      /** Jobs finished or cached so far, and in total, in this call. */
      completed: number;
      total: number;
    }
  | {
      /** A learner's epoch. */
      type: 'epoch';
      variant: string;
      model: string;
      seed: number;
      key: string;
      epoch: number;
      epochs: number;
      loss?: number;
    };
