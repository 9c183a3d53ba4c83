// Registers the Section 4 digit scenarios: digits-loss-mismatch, digits-data-mismatch, digits-hypothesis-mismatch,
// digits-anticorrelated and paper-digits (all four).
import { registerScenario } from '../registry.js';
import { DIGIT_SCENARIOS, paperDigitsScenario } from './paper-digits.js';

for (const scenario of [...DIGIT_SCENARIOS, paperDigitsScenario]) registerScenario(scenario);

export { DIGIT_SCENARIOS, paperDigitsScenario } from './paper-digits.js';
export { lossMismatchScenario } from './loss-mismatch-scenario.js';
export { dataMismatchScenario } from './data-mismatch-scenario.js';
export { hypothesisMismatchScenario } from './hypothesis-mismatch-scenario.js';
export { anticorrelatedScenario } from './anticorrelated-scenario.js';
export { lossMismatchSystem } from './loss-mismatch.js';
export { dataMismatchSystem } from './data-mismatch.js';
export { hypothesisMismatchSystem } from './hypothesis-mismatch.js';
export { anticorrelatedSystem } from './anticorrelated.js';
export { aulRanking } from './aul.js';
export { ParamError } from './params.js';
