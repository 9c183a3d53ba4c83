// Golden values of the 'views' op family against PyTorch 1.13 (fixtures/views.json, made by make_fixtures.py).
import { runFamily } from './runner.js';

runFamily('views');
