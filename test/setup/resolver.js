// Jest's resolver, with one exception: `@vonage/jwt` requires uuid 14, which is ES modules only and
// which Jest cannot load as CommonJS (Node itself can). It only calls `v4`: a CommonJS stand-in
// from Node's crypto serves it (test/setup/uuidForVonage.js). Everything else resolves as usual.
const path = require('node:path');

module.exports = (request, options) => {
	if (request === 'uuid' && options.basedir.split(path.sep).includes('@vonage')) return path.join(__dirname, 'uuidForVonage.js');
	return options.defaultResolver(request, options);
};
