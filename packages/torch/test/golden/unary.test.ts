// Golden values of the 'unary' op family against PyTorch 1.13 (fixtures/unary.json, made by make_fixtures.py).
import { runFamily } from './runner.js';

runFamily('unary');
