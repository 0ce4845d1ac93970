import { checkAuthorization } from '../../../nodes/core/digitalsamba/webhookAuth';

describe('checkAuthorization', () => {
	const secret = '6f1e2d3c4b5a69788796a5b4c3d2e1f0';

	it.each([`Bearer ${secret}`, `bearer ${secret}`, secret, `  Bearer   ${secret}  `, [`Bearer ${secret}`]])(
		'accepts %j',
		(header) => {
			expect(checkAuthorization(header, secret)).toEqual({ ok: true });
		},
	);

	it.each([
		[undefined, 'missing'],
		['', 'missing'],
		['   ', 'missing'],
		[`Bearer ${secret}x`, 'mismatch'],
		[`Bearer ${secret.slice(1)}`, 'mismatch'],
		[`Basic ${secret}`, 'mismatch'],
		['Bearer Bearer ' + secret, 'mismatch'],
	])('refuses %j (%s)', (header, reason) => {
		expect(checkAuthorization(header, secret)).toEqual({ ok: false, reason });
	});

	it('refuses everything when no secret is configured', () => {
		expect(checkAuthorization('Bearer ', '')).toEqual({ ok: false, reason: 'no-secret' });
		expect(checkAuthorization('', '')).toEqual({ ok: false, reason: 'no-secret' });
	});
});
