// Golden values of the 'linalg' op family against PyTorch 1.13 (fixtures/linalg.json, made by make_fixtures.py).
import { runFamily } from './runner.js';

runFamily('linalg');
