// Golden values of the 'creation' op family against PyTorch 1.13 (fixtures/creation.json, made by make_fixtures.py).
import { runFamily } from './runner.js';

runFamily('creation');
