// Golden values of the 'random' op family against PyTorch 1.13 (fixtures/random.json, made by make_fixtures.py).
import { runFamily } from './runner.js';

runFamily('random');
