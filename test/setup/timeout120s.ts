// Jest reads `testTimeout` only at the root of its config, never per project: the projects whose
// tests start a real n8n set their limit (tests and hooks) here instead.
jest.setTimeout(120_000);
