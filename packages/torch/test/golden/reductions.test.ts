// Golden values of the 'reductions' op family against PyTorch 1.13 (fixtures/reductions.json, made by make_fixtures.py).
import { runFamily } from './runner.js';

runFamily('reductions');
