package io.github.springsignalr.emulator;

/**
 * The Azure built-in roles that let a Microsoft Entra identity use the service's data plane, as assigned on a
 * SignalR resource ({@code az role assignment create --role "SignalR App Server" …}).
 */
public enum SignalRRole {

	/** "SignalR App Server": gets temporary access keys ({@code GET /api/v1/auth/accessKey}) to sign client tokens. */
	APP_SERVER,

	/** "SignalR REST API Owner": every REST API call. */
	REST_API_OWNER,

	/** "SignalR REST API Reader": the REST API's read-only calls (existence checks). */
	REST_API_READER,

	/** "SignalR Service Owner": everything the other roles allow. */
	SERVICE_OWNER

}
