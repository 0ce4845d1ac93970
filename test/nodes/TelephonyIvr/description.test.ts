import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { TelephonyTwilioApi } from '../../../credentials/TelephonyTwilioApi.credentials';
import { DEFAULT_IVR_SETTINGS } from '../../../nodes/core/ivr/script';
import { ivrSettingsProperty } from '../../../nodes/TelephonyIvr/actions/settings';
import { TelephonyIvr } from '../../../nodes/TelephonyIvr/TelephonyIvr.node';

const { description } = new TelephonyIvr();

describe('Telephony IVR description', () => {
	it('is usable as a tool, has its own credential, and five fixed outputs (no expression decides them)', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: new TelephonyTwilioApi().name, required: true }]);
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
