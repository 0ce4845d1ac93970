/** Instructions as TwiML. Every text and attribute goes through the XML escaper. */
import type { GatherDigits, Instruction, JoinConference, PromptPart } from '../../instructions';
import { element, XML_DECLARATION } from '../../../xml';

function prompt(part: PromptPart): string {
	switch (part.kind) {
		case 'say':
			return element('Say', { voice: part.voice, language: part.language, loop: part.loop }, part.text);
		case 'play':
			return element('Play', { loop: part.loop }, part.url);
		case 'pause':
			return element('Pause', { length: part.seconds });
	}
}

function gather(instruction: GatherDigits): string {
	return element(
		'Gather',
		{
			input: 'dtmf',
			action: instruction.actionUrl,
			method: 'POST',
			finishOnKey: instruction.finishOnKey,
			numDigits: instruction.numDigits,
			timeout: instruction.timeoutSeconds,
			actionOnEmptyResult: instruction.actionOnEmptyResult,
		},
		instruction.prompt.map(prompt),
	);
}

function conference(instruction: JoinConference): string {
	const dial = {
		action: instruction.dialActionUrl,
		method: instruction.dialActionUrl ? 'POST' : undefined,
		hangupOnStar: instruction.hangupOnStar,
	};
	const attributes = {
		participantLabel: instruction.label,
		startConferenceOnEnter: instruction.startConferenceOnEnter,
		endConferenceOnExit: instruction.endConferenceOnExit,
		muted: instruction.muted,
		beep: instruction.beep,
		waitUrl: instruction.waitUrl,
		waitMethod: instruction.waitUrl ? 'POST' : undefined,
		statusCallback: instruction.statusCallbackUrl,
		statusCallbackMethod: instruction.statusCallbackUrl ? 'POST' : undefined,
		statusCallbackEvent: instruction.statusCallbackEvents?.join(' '),
	};
	return element('Dial', dial, [element('Conference', attributes, instruction.name)]);
}

function verb(instruction: Instruction): string {
	switch (instruction.kind) {
		case 'say':
		case 'play':
		case 'pause':
			return prompt(instruction);
		case 'gatherDigits':
			return gather(instruction);
		case 'joinConference':
			return conference(instruction);
		case 'redirect':
			return element('Redirect', { method: instruction.method ?? 'POST' }, instruction.url);
		case 'hangup':
			return element('Hangup');
	}
}

export function renderTwiml(instructions: Instruction[]): string {
	return XML_DECLARATION + element('Response', {}, instructions.map(verb));
}
