import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { IvrSettings } from '../../core/ivr/script';
import { DEFAULT_IVR_SETTINGS } from '../../core/ivr/script';

/**
 * What callers hear and how the IVR behaves. Static values: nothing here is an expression. The
 * defaults repeat DEFAULT_IVR_SETTINGS as literals (n8n's lint reads them); a test keeps them equal.
 */
export const ivrSettingsProperty: INodeProperties = {
	displayName: 'IVR Settings', description: 'What callers hear and how long they have; leave empty for the defaults shown',
	name: 'ivr',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	options: [
		{ displayName: 'Apology (Fallback)', description: 'Said when the workflow failed and the provider called the fallback URL, before hanging up', name: 'apology', type: 'string', typeOptions: { rows: 2 }, default: 'Sorry, we cannot connect your call right now. Please try again later. Goodbye.' },
		{
			displayName: 'Beep When Callers Join or Leave', description: 'Whether everyone in the conference hears a beep when a caller joins or leaves',
			name: 'callerBeep',
			type: 'boolean',
			default: false,
		},
		{ displayName: 'Goodbye (Wrong PIN)', description: 'Said after the last wrong PIN, before hanging up', name: 'goodbye', type: 'string', typeOptions: { rows: 2 }, default: 'Sorry, that PIN was not recognised. Goodbye.' },
		{
			displayName: 'Hold Music URL',
			name: 'holdMusicUrl',
			type: 'string',
			default: '',
			description: 'MP3 or WAV played to callers waiting for the meeting; silence between prompts when empty',
		},
		{
			displayName: 'Keypad Menu (*6 Mute, *9 Hand)',
			name: 'keypadMenu',
			type: 'boolean',
			default: true,
			description:
				'Whether callers can press * in the meeting for the keypad menu. On Twilio the caller briefly leaves and rejoins the conference.',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: '',
			placeholder: 'en-US',
			description: 'Language of the spoken prompts; set it together with a matching voice',
		},
		{
			displayName: 'Max PIN Attempts', description: 'Wrong PINs (or silences) before goodbye',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 3,
		},
		{ displayName: 'Menu Prompt', description: 'Said when a caller presses star in the conference: the keypad choices', name: 'menuPrompt', type: 'string', typeOptions: { rows: 2 }, default: 'Press 6 to mute or unmute yourself. Press 9 to raise or lower your hand.' },
		{
			displayName: 'PIN Timeout (Seconds)', description: 'Silence after which the PIN prompt counts as an attempt',
			name: 'pinTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 3, maxValue: 30 },
			default: 10,
		},
		{ displayName: 'Retry Prompt', description: 'Said after a wrong PIN, before asking again', name: 'retry', type: 'string', typeOptions: { rows: 2 }, default: 'That PIN was not recognised. Please try again.' },
		{
			displayName: 'Voice',
			name: 'voice',
			type: 'string',
			default: '',
			placeholder: 'Polly.Joanna-Neural',
			description: "The provider's voice name; the provider's default when empty",
		},
		{ displayName: 'Waiting Prompt', description: 'Said to a caller who is in before the meeting’s audio is', name: 'waiting', type: 'string', typeOptions: { rows: 2 }, default: 'Please wait. The meeting will start soon.' },
		{ displayName: 'Welcome (PIN Prompt)', description: 'The first thing callers hear: ask for the PIN and the hash key', name: 'welcome', type: 'string', typeOptions: { rows: 2 }, default: 'Welcome. Please enter your meeting PIN, followed by the pound key.' },
	],
};

export function ivrSettings(context: IExecuteFunctions, itemIndex: number): IvrSettings {
	const given = context.getNodeParameter('ivr', itemIndex, {}) as IDataObject;
	const settings: IvrSettings = { ...DEFAULT_IVR_SETTINGS };
	for (const [key, value] of Object.entries(given)) {
		if (value !== '' && value !== undefined && value !== null) (settings as unknown as IDataObject)[key] = value;
	}
	return settings;
}
