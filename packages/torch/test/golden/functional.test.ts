// Golden values of the 'functional' op family against PyTorch 1.13 (fixtures/functional.json, made by make_fixtures.py).
import { runFamily } from './runner.js';

runFamily('functional');
