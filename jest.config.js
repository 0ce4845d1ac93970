// Three projects, one command (`npm test`):
//   unit     pure core and node descriptions: no network, no build (`npm run test:unit`)
//   node     our nodes run by n8n-core's WorkflowExecute against the local simulators
//   workflow the shipped templates, with n8n's built-in nodes, against both simulators
//   package  the built and packed artifact (needs `npm run build`, which `npm test` runs first)
//   e2e      a real n8n 2.40.7 with the packed package and the templates, over real HTTP
//   queue    the same on n8n's queue mode: PostgreSQL 17, Redis, main, webhook processor, workers
const common = {
	preset: 'ts-jest',
	setupFiles: ['<rootDir>/test/setup/quietN8nLogs.ts'],
	testEnvironment: 'node',
	resolver: '<rootDir>/test/setup/resolver.js',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};

module.exports = {
	reporters: ['default', '<rootDir>/test/setup/summaryReporter.js'],
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/core/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts'] },
		{
			...common,
			displayName: 'node',
			testMatch: ['<rootDir>/test/nodes/**/*.test.ts', '<rootDir>/test/simulators/**/*.test.ts'],
		},
		{ ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/workflows/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup/timeout30s.ts'] },
		{ ...common, displayName: 'package', testMatch: ['<rootDir>/test/package/**/*.test.ts'] },
		{
			...common,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
			// Builds (or proves) the cached n8n runtime once, before the e2e files start in parallel.
			globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
			setupFilesAfterEnv: ['<rootDir>/test/setup/timeout120s.ts'],
		},
		{
			...common,
			displayName: 'queue',
			testMatch: ['<rootDir>/test/e2e/queue/**/*.queue.test.ts'],
			// The n8n runtime, PostgreSQL's binaries and redis-server, prepared once before the files run.
			globalSetup: '<rootDir>/test/e2e/queue/globalSetup.ts',
			setupFilesAfterEnv: ['<rootDir>/test/setup/timeout120s.ts'],
		},
	],
};
