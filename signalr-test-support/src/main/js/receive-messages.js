// Connects the official JavaScript client to a chat application's hub (negotiate at the application, then the
// service) and prints what the server sends it on "message", one line each, until it is sent "bye":
//   CONNECTED <connectionId>
//   MESSAGE <arguments as JSON>
//   CLOSED [error]
// Usage: node receive-messages.js <hub URL> <user> <json|messagepack>
"use strict";

const signalR = require("@microsoft/signalr");
const { MessagePackHubProtocol } = require("@microsoft/signalr-protocol-msgpack");

const [url, user, protocol] = process.argv.slice(2);
if (!url || !user || !protocol) {
	console.error("Usage: node receive-messages.js <hub URL> <user> <json|messagepack>");
	process.exit(2);
}

const builder = new signalR.HubConnectionBuilder()
	.withUrl(url, { headers: { "X-Chat-User": user }, transport: signalR.HttpTransportType.WebSockets })
	.configureLogging(signalR.LogLevel.Warning);
if (protocol === "messagepack") {
	builder.withHubProtocol(new MessagePackHubProtocol());
}
const connection = builder.build();

connection.on("message", (...args) => {
	console.log("MESSAGE " + JSON.stringify(args));
	if (args[0] === "bye") {
		connection.stop();
	}
});

connection.onclose((error) => {
	console.log("CLOSED" + (error ? " " + error.message : ""));
	process.exit(error ? 1 : 0);
});

// Gives up rather than hang the build if "bye" never comes.
setTimeout(() => {
	console.log("TIMEOUT");
	process.exit(3);
}, 30000).unref();

connection.start()
	.then(() => console.log("CONNECTED " + connection.connectionId))
	.catch((error) => {
		console.log("FAILED " + error.message);
		process.exit(1);
	});
