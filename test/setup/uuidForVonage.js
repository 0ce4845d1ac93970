// What `@vonage/jwt` uses of uuid, for Jest (see resolver.js): a random (version 4) UUID.
const { randomUUID } = require('node:crypto');

exports.v4 = () => randomUUID();
