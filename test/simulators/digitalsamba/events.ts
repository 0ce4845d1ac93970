/**
 * Webhook event names Digital Samba documents: the official webhooks page (22 names) plus those its
 * own skill documentation lists as returned by `GET /api/v1/events` (research/digitalsamba-api.md
 * §4.2). The simulator offers these and no others: there is no event for removing a phone user or
 * for a phone user's hand.
 */
export const DOCUMENTED_EVENTS = [
	'answer_deleted',
	'answer_updated',
	'file_added_to_library',
	'file_deleted_from_library',
	'file_processing_failed',
	'file_renamed',
	'folder_added_to_library',
	'folder_deleted_from_library',
	'folder_renamed',
	'participant_avatar_deleted',
	'participant_avatar_uploaded',
	'participant_hand_lowered',
	'participant_hand_raised',
	'participant_invited',
	'participant_joined',
	'participant_left',
	'participant_waiting_joined',
	'participant_waiting_left',
	'phone_participant_asked_to_unmute',
	'phone_participant_muted',
	'phone_participant_unmuted',
	'question_answered',
	'question_asked',
	'question_deleted',
	'question_dismissed',
	'question_reopened',
	'question_updated',
	'recording_deleted',
	'recording_ready',
	'recording_started',
	'recording_stopped',
	'role_deleted',
	'room_deleted',
	'room_locked',
	'room_unlocked',
	'session_ended',
	'session_started',
	'session_summary_ready',
	'session_transcript_ready',
] as const;

export type DocumentedEvent = (typeof DOCUMENTED_EVENTS)[number];
