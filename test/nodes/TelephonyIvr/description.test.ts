import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { TelephonyTwilioApi } from '../../../credentials/TelephonyTwilioApi.credentials';
import { DEFAULT_IVR_SETTINGS } from '../../../nodes/core/ivr/script';
import { ivrSettingsProperty } from '../../../nodes/TelephonyIvr/actions/settings';
import { providers } from '../../../nodes/core/voice/providers';
import { TelephonyIvr } from '../../../nodes/TelephonyIvr/TelephonyIvr.node';
import { NO_PROVIDER_OPERATIONS } from '../../helpers/telephonyIvrNode';

const { description } = new TelephonyIvr();

describe('Telephony IVR description', () => {
	it('shows each provider’s credential for that provider, and only on operations that reach it', () => {
		const providerIds = Object.keys(providers);
		expect(description.credentials?.map((credential) => credential.name)).toEqual(Object.values(providers).map((provider) => provider.credential.name));
		expect(description.credentials?.[0].name).toBe(new TelephonyTwilioApi().name);
		const allOperations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => (property.options as INodePropertyOptions[]).map((option) => String(option.value)));
		const withoutProvider = NO_PROVIDER_OPERATIONS.map((operation) => operation.operation);
		for (const [index, credential] of (description.credentials ?? []).entries()) {
			expect(credential.required).toBe(true);
			expect(credential.displayOptions?.show?.provider).toEqual([providerIds[index]]);
			// callControl.test.ts runs every operation hidden here without any credential.
			expect(new Set(credential.displayOptions?.show?.operation)).toEqual(new Set(allOperations.filter((operation) => !withoutProvider.includes(operation))));
		}
	});

	it('is usable as a tool, and has five fixed outputs (no expression decides them)', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.outputs).toHaveLength(5);
		expect(typeof description.outputs).not.toBe('string');
		expect(description.outputNames).toEqual(['Answer', 'PIN Entered', 'Keypad', 'Conference Event', 'Rejected']);
	});

	it('the IVR settings’ defaults are the core’s defaults', () => {
		for (const option of ivrSettingsProperty.options as INodeProperties[]) {
			const key = option.name as keyof typeof DEFAULT_IVR_SETTINGS;
			if (key in DEFAULT_IVR_SETTINGS) expect([key, option.default]).toEqual([key, DEFAULT_IVR_SETTINGS[key]]);
			else expect([key, option.default]).toEqual([key, '']);
		}
	});

	it('every operation has an action sentence', () => {
		const operations = description.properties.filter((property) => property.name === 'operation');
		for (const property of operations) {
			for (const option of property.options as INodePropertyOptions[]) expect(option.action).toMatch(/^[A-Z][^.]*[A-Za-z]$/);
		}
		const resources = (description.properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
		expect(operations.map((property) => (property.displayOptions?.show as IDataObject).resource).flat().sort()).toEqual(
			resources.map((option) => option.value).sort(),
		);
	});

	it('the Twilio credential signs in with the API key when there is one, else the Auth Token', async () => {
		const credential = new TelephonyTwilioApi();
		const basic = async (data: ICredentialDataDecryptedObject) =>
			Buffer.from(String((await credential.authenticate(data, { url: '' })).headers?.Authorization).replace('Basic ', ''), 'base64').toString();
		expect(await basic({ accountSid: 'AC1', authToken: 'tok' })).toBe('AC1:tok');
		expect(await basic({ accountSid: 'AC1', authToken: 'tok', apiKeySid: 'SK1', apiKeySecret: 'sec' })).toBe('SK1:sec');
	});
});
