// Inputs PyTorch 1.13 rejects (fixtures/errors.json): each op must throw a TorchError that names the op.
import { runFamily } from './runner.js';

runFamily('errors');
