// Golden values of the 'tensor_methods' op family against PyTorch 1.13 (fixtures/tensor_methods.json, made by make_fixtures.py).
import { runFamily } from './runner.js';

runFamily('tensor_methods');
