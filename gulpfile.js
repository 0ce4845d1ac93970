// Copies what tsc does not emit into dist/: node and credential icons, codex (*.node.json) files and
// the output schemas n8n serves to the editor (nodes/<Node>/__schema__/, from `npm run schemas`).
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{svg,png}', 'nodes/**/*.node.json', 'nodes/*/__schema__/**/*.json', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = copyAssets;
exports.default = copyAssets;
