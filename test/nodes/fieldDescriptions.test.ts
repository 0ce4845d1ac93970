/**
 * Every field a builder sees says what it is for: each parameter (nested ones too) and each choice
 * in a list has a description, long texts get a box that shows them, and labels fit the panel
 * (the editor cuts a label at ~33 characters; test/e2e/editor.e2e.test.ts looks at the real panels).
 */
import type { ICredentialType, INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { DigitalSambaApi } from '../../credentials/DigitalSambaApi.credentials';
import { TelephonySinchApi } from '../../credentials/TelephonySinchApi.credentials';
import { TelephonyPlivoApi } from '../../credentials/TelephonyPlivoApi.credentials';
import { TelephonyVonageApi } from '../../credentials/TelephonyVonageApi.credentials';
import { TelephonyTwilioApi } from '../../credentials/TelephonyTwilioApi.credentials';
import { DigitalSamba } from '../../nodes/DigitalSamba/DigitalSamba.node';
import { DigitalSambaTrigger } from '../../nodes/DigitalSamba/DigitalSambaTrigger.node';
import { TelephonyIvr } from '../../nodes/TelephonyIvr/TelephonyIvr.node';
import { TelephonyRequest } from '../../nodes/TelephonyRequest/TelephonyRequest.node';

type Field = INodeProperties | INodePropertyCollection;

/** Every field and choice, with its path for the message. */
function walk(fields: Field[], at: string, found: Array<{ path: string; field: Field | INodePropertyOptions; kind: 'field' | 'choice' }>) {
	for (const field of fields) {
		const here = `${at} › ${field.displayName}`;
		if ('type' in field && (field.type === 'notice' || field.type === 'hidden')) continue;
		found.push({ path: here, field, kind: 'field' });
		// The choices of a resource or operation list say what each does; plain values (public,
		// private; newest first…) say it by their names.
		const describedChoices = 'name' in field && (field.name === 'resource' || field.name === 'operation');
		for (const option of ('options' in field ? (field.options ?? []) : []) as Array<INodeProperties | INodePropertyOptions | INodePropertyCollection>) {
			if ('values' in option) walk(option.values, `${here} › ${option.displayName}`, found);
			else if ('displayName' in option) walk([option], here, found);
			else if (describedChoices) found.push({ path: `${here} › ${option.name}`, field: option, kind: 'choice' });
		}
	}
	return found;
}

const sources: Array<[string, Field[]]> = [
	['Digital Samba', new DigitalSamba().description.properties],
	['Digital Samba Trigger', new DigitalSambaTrigger().description.properties],
	['Telephony IVR', new TelephonyIvr().description.properties],
	['Telephony Request', new TelephonyRequest().description.properties],
	...[new DigitalSambaApi(), new TelephonyTwilioApi(), new TelephonySinchApi(), new TelephonyVonageApi(), new TelephonyPlivoApi()].map((credential: ICredentialType): [string, Field[]] => [credential.displayName, credential.properties]),
];

describe.each(sources)('%s', (name, properties) => {
	const everything = walk(properties, name, []);

	it('every field and every choice has a description', () => {
		const missing = everything.filter(({ field }) => !('description' in field) || !String(field.description ?? '').trim()).map(({ path }) => path);
		expect([...new Set(missing)]).toEqual([]);
	});

	it('labels fit the panel (no label the editor cuts)', () => {
		const long = everything.filter(({ kind, field }) => kind === 'field' && 'displayName' in field && field.displayName.length > 32).map(({ path }) => path);
		expect(long).toEqual([]);
	});

	it('a text longer than its box gets rows to show it', () => {
		const cramped = everything
			.filter(({ field }) => 'type' in field && field.type === 'string' && typeof field.default === 'string' && field.default.length > 50 && !(field.typeOptions?.rows && field.typeOptions.rows > 1))
			.map(({ path }) => path);
		expect(cramped).toEqual([]);
	});
});
