// Jest reads `testTimeout` only at the root of its config, never per project: the projects whose
// tests start simulators and workflow hosts set their limit (tests and hooks) here instead.
jest.setTimeout(30_000);
