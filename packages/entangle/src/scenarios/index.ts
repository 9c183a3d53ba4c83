// Registers every built-in scenario (each folder's index registers its scenarios on import).
import './toy/index.js';
import './digits/index.js';
import '../pseudo-lidar/scenario/index.js';
