/**
 * SVAML: what we render for every instruction equals what the official SDK's builders produce for
 * the same intent, compared as JSON trees (as Sinch reads them).
 */
import { Voice } from '@sinch/voice';

import { DEFAULT_IVR_SETTINGS, pinPrompt, routePin } from '../../../../../nodes/core/ivr/script';
import { BRIDGE_LABEL } from '../../../../../nodes/core/ivr/labels';
import type { Instruction } from '../../../../../nodes/core/voice/instructions';
import { sinch } from '../../../../../nodes/core/voice/providers/sinch';
import { renderSvaml } from '../../../../../nodes/core/voice/providers/sinch/render';

const { svamlActionHelper: action, svamlInstructionHelper: instruction } = Voice;
const tree = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const built = (builder: { build(): unknown }) => tree(builder.build());
const WEBHOOK = 'https://n8n.example.com/webhook/voice';

describe('SVAML from instructions', () => {
	it('speech and audio before an action: say, playFiles, an SSML pause, then hangup', () => {
		const ours: Instruction[] = [
			{ kind: 'say', text: 'Goodbye.', language: 'en-GB' },
			{ kind: 'play', url: 'https://example.com/tone.mp3' },
			{ kind: 'pause', seconds: 2 },
			{ kind: 'hangup' },
		];
		const official = new Voice.PieSvamletBuilder()
			.addInstruction(instruction.buildSay('Goodbye.', 'en-GB'))
			.addInstruction(instruction.buildPlayFiles(['https://example.com/tone.mp3'], 'en-US'))
			.addInstruction(instruction.buildPlayFiles(['#ssml[<speak><break time="2s"/></speak>]'], 'en-US'))
			.setAction(action.buildHangup());
		expect(tree(renderSvaml(ours))).toEqual(built(official));
	});

	it("the PIN prompt is a runMenu with Sinch's required main menu; the attempt and the caller's number ride in cookies", () => {
		const [gather] = pinPrompt(WEBHOOK, DEFAULT_IVR_SETTINGS, 2);
		const ice = { type: 'call.incoming' as const, callId: 'c1', from: '+46700000000', to: '+46700000001', state: {}, raw: {} };
		const official = new Voice.IceSvamletBuilder()
			.addInstruction(instruction.buildSetCookie('cli', '+46700000000'))
			.addInstruction(instruction.buildSetCookie('attempt', '2'))
			.setAction(
				action.buildRunMenu({
					barge: true,
					locale: 'en-US',
					menus: [
						{
							id: 'main',
							mainPrompt: `#tts[${DEFAULT_IVR_SETTINGS.welcome}]`,
							repeats: 0,
							maxDigits: DEFAULT_IVR_SETTINGS.maxPinDigits,
							timeoutMills: DEFAULT_IVR_SETTINGS.pinTimeoutSeconds * 1000,
						},
					],
				}),
			);
		expect(tree(renderSvaml([gather], ice))).toEqual(built(official));
	});

	const pinEvent = (digits: string) => ({ type: 'call.digits' as const, step: 'pin' as const, digits, attempt: 1, callId: 'c1', from: '+46700000000', to: '+46700000001', state: {}, raw: {} });
	const entry = { callerPin: '123456', bridgePin: '98765432109', conference: 'ds-7f8c8eac-6643-47db-8d93-e7633e6e53ec' };

	it('a caller joins the conference with hold music and in-conference key detection; cookies say where and as whom', () => {
		const { instructions } = routePin(pinEvent('123456'), entry, WEBHOOK, DEFAULT_IVR_SETTINGS);
		const label = instructions[0].kind === 'joinConference' ? instructions[0].label : '';
		expect(label).toMatch(/^p\.c1\./);
		const official = new Voice.PieSvamletBuilder()
			.addInstruction(instruction.buildSetCookie('conf', entry.conference))
			.addInstruction(instruction.buildSetCookie('label', label))
			.setAction(action.buildConnectConf({ conferenceId: entry.conference, moh: 'music1', conferenceDtmfOptions: { mode: 'detect', maxDigits: 2, timeoutMills: 3000 } }));
		expect(tree(renderSvaml(instructions))).toEqual(built(official));
	});

	it('the bridge joins with neither hold music nor key detection', () => {
		const { instructions } = routePin(pinEvent('98765432109'), entry, WEBHOOK, DEFAULT_IVR_SETTINGS);
		expect(instructions[0]).toEqual(expect.objectContaining({ kind: 'joinConference', label: BRIDGE_LABEL }));
		const official = new Voice.PieSvamletBuilder()
			.addInstruction(instruction.buildSetCookie('conf', entry.conference))
			.addInstruction(instruction.buildSetCookie('label', BRIDGE_LABEL))
			.setAction(action.buildConnectConf({ conferenceId: entry.conference }));
		expect(tree(renderSvaml(instructions))).toEqual(built(official));
	});

	it('a wrong PIN: the retry text, then the prompt again with the next attempt', () => {
		const { instructions } = routePin(pinEvent('000'), entry, WEBHOOK, DEFAULT_IVR_SETTINGS);
		const svaml = renderSvaml(instructions);
		expect(svaml.instructions).toEqual([tree(instruction.buildSay(DEFAULT_IVR_SETTINGS.retry, 'en-US')), tree(instruction.buildSetCookie('attempt', '2'))]);
		expect(svaml.action).toEqual(expect.objectContaining({ name: 'runMenu' }));
	});

	it('an empty answer is an empty SVAML object, served as JSON', () => {
		expect(sinch.render([])).toEqual({ contentType: 'application/json', fileName: 'svaml.json', body: '{}' });
	});

	it('names what Sinch cannot do instead of rendering something else', () => {
		expect(() => renderSvaml([{ kind: 'redirect', url: WEBHOOK }])).toThrow('Sinch cannot fetch instructions from a URL');
		expect(() => renderSvaml([{ kind: 'hangup' }, { kind: 'say', text: 'late' }])).toThrow('one action per answer');
	});
});
