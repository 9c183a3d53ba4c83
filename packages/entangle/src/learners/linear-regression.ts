// linear-regression: y ≈ W x + b on flattened, concatenated input blocks; closed-form least squares or trained (MSE).
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { ContractError } from '../core/errors.js';
import { registerLearner } from '../registry/registry.js';
import { choleskySolve } from './linear-algebra.js';
import { netArgsShape, netLearner, type NetArgs } from './net-learner.js';

export const linearRegressionArgsSchema = z.strictObject({
  ...netArgsShape,
  output: z.enum(['value']).default('value'),
  /** 'closed-form': exact least squares (normal equations, float64); 'trained': the training loop on MSE. */
  method: z.enum(['closed-form', 'trained']).default('closed-form'),
  /** Closed form: λ added to the diagonal of XᵀX for the weights (not the intercept). */
  ridge: z.number().min(0).default(0),
});
export type LinearRegressionArgs = z.output<typeof linearRegressionArgsSchema>;

/**
 * Closed form: with X̃ = [X, 1] (n×(d+1)), solves (X̃ᵀX̃ + λ·diag(1,…,1,0)) β = X̃ᵀY in float64 (Cholesky),
 * weights = β[0..d), bias = β[d]. Minimizes Σ_i ||y_i − W x_i − b||² + λ||W||².
 */
function solveLeastSquares(module: torch.nn.Linear, x: torch.Tensor, y: torch.Tensor, ridge: number, where: string): void {
  const [n, d] = x.shape;
  const k = y.shape[1];
  const m = d + 1;
  const { ata, aty } = torch.tidy(() =>
    torch.noGrad(() => {
      const xt = torch.cat([x.to('float64'), torch.ones([n, 1], { dtype: 'float64' })], 1);
      const yt = y.to('float64');
      return {
        ata: torch.matmul(torch.transpose(xt, 0, 1), xt).contiguous().toTypedArray() as Float64Array,
        aty: torch.matmul(torch.transpose(xt, 0, 1), yt).contiguous().toTypedArray() as Float64Array,
      };
    }),
  );
  for (let i = 0; i < d; i++) ata[i * m + i] += ridge;
  const beta = choleskySolve(ata, aty, m, k);
  if (beta === null) {
    throw new ContractError(`${where}: XᵀX is singular (collinear or constant input features, or fewer examples (${n}) than features + 1 (${m})), so least squares has no unique solution. Set arg ridge > 0 (e.g. 1e-6), or method 'trained'.`);
  }
  const weight = new Float32Array(k * d);
  const bias = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < d; i++) weight[c * d + i] = beta[i * k + c];
    bias[c] = beta[d * k + c];
  }
  torch.tidy(() => module.loadStateDict({ weight: torch.tensor(weight, [k, d]), bias: torch.tensor(bias, [k]) }, { strict: true }));
}

export const linearRegression = netLearner<LinearRegressionArgs & NetArgs>({
  kind: 'linear-regression',
  schema: linearRegressionArgsSchema as never,
  reads: 'flat',
  tasks: ['regression'],
  build(_args, input, outDim) {
    if (input.type !== 'flat') throw new Error('linear-regression reads flat inputs');
    const module = new torch.nn.Linear(input.dim, outDim);
    return { module, forward: (x) => module.forward(x) };
  },
  featureDim: () => null,
  solve(net, x, y, args, where) {
    if (args.method === 'trained') return false;
    solveLeastSquares(net.module as torch.nn.Linear, x, y, args.ridge, where);
    return true;
  },
});

registerLearner(linearRegression);
