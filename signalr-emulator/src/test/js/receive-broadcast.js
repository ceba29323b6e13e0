// Connects the official JavaScript client to the emulator and prints what it receives, one line per event:
//   CONNECTED <connectionId>
//   RECEIVED <target> <arguments as JSON>
//   CLOSED [error]
// Usage: node receive-broadcast.js <client URL> <access token> <number of messages to wait for>
"use strict";

const signalR = require("@microsoft/signalr");

const [url, token, expected] = process.argv.slice(2);
if (!url || !token) {
	console.error("Usage: node receive-broadcast.js <client URL> <access token> [messages]");
	process.exit(2);
}
const wanted = Number(expected || 1);

const connection = new signalR.HubConnectionBuilder()
	.withUrl(url, { accessTokenFactory: () => token, transport: signalR.HttpTransportType.WebSockets })
	.configureLogging(signalR.LogLevel.Warning)
	.build();

let received = 0;
connection.on("newMessage", (...args) => {
	console.log("RECEIVED newMessage " + JSON.stringify(args));
	received++;
	if (received >= wanted) {
		connection.stop();
	}
});
connection.onclose((error) => {
	console.log("CLOSED" + (error ? " " + error.message : ""));
	process.exit(error ? 1 : 0);
});

// Gives up rather than hang the build if nothing comes.
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
