import * as live from './live/Live.resource';
import * as phoneBridge from './phoneBridge/PhoneBridge.resource';
import * as phoneParticipant from './phoneParticipant/PhoneParticipant.resource';
import * as room from './room/Room.resource';
import * as session from './session/Session.resource';
import * as webhook from './webhook/Webhook.resource';

/** Every resource: its operation table (for the router) and its properties (for the node). */
export const resources = { live, phoneBridge, phoneParticipant, room, session, webhook };

export const resourceProperties = Object.values(resources).flatMap((resource) => resource.description);
