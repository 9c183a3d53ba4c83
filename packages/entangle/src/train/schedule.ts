// Multi-step learning-rate decay, as in the paper's reference code (×0.1 at 50% and 75% of the epochs).

/**
 * Learning rate of epoch `epoch` (0-based): lr · gamma^k, where k counts the milestones m with epoch >= m·epochs.
 * Source: reference train_svhn.py lowers the lr after epoch e when (e+1) >= m·epochs, i.e. from epoch e+1 on.
 * With epochs = 200 and milestones [0.5, 0.75]: 1e-3 for epochs 0–99, 1e-4 for 100–149, 1e-5 for 150–199.
 */
export function learningRateAt(lr: number, epoch: number, epochs: number, milestones: readonly number[], gamma: number): number {
  let k = 0;
  for (const m of milestones) if (epoch >= m * epochs) k++;
  return lr * Math.pow(gamma, k);
}
