/**
 * Runs before each test file: the Temporal SDK's own log lines at WARN unless LOG_LEVEL says
 * otherwise, as on the embedded stack, so the output shows what matters.
 */
import { quietRuntime } from '../run/stack';

quietRuntime();
