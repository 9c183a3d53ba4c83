// Golden values of the 'arithmetic' op family against PyTorch 1.13 (fixtures/arithmetic.json, made by make_fixtures.py).
import { runFamily } from './runner.js';

runFamily('arithmetic');
