// Connects the official JavaScript client to the emulator, invokes a hub method and prints its outcome:
//   CONNECTED <connectionId>
//   RESULT <result as JSON> | ERROR <message>
//   CLOSED [error]
// Usage: node invoke.js <client URL> <access token> <method> <argument>
"use strict";

const signalR = require("@microsoft/signalr");

const [url, token, method, argument] = process.argv.slice(2);
if (!url || !token || !method) {
	console.error("Usage: node invoke.js <client URL> <access token> <method> <argument>");
	process.exit(2);
}

const connection = new signalR.HubConnectionBuilder()
	.withUrl(url, { accessTokenFactory: () => token, transport: signalR.HttpTransportType.WebSockets })
	.configureLogging(signalR.LogLevel.Warning)
	.build();

connection.onclose((error) => {
	console.log("CLOSED" + (error ? " " + error.message : ""));
	process.exit(error ? 1 : 0);
});

setTimeout(() => {
	console.log("TIMEOUT");
	process.exit(3);
}, 30000).unref();

connection.start()
	.then(() => console.log("CONNECTED " + connection.connectionId))
	.then(() => connection.invoke(method, argument))
	.then((result) => console.log("RESULT " + JSON.stringify(result)),
		(error) => console.log("ERROR " + error.message))
	.then(() => connection.stop())
	.catch((error) => {
		console.log("FAILED " + error.message);
		process.exit(1);
	});
