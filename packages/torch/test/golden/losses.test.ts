// Golden values of the 'losses' op family against PyTorch 1.13 (fixtures/losses.json, made by make_fixtures.py).
import { runFamily } from './runner.js';

runFamily('losses');
