// Connects the official JavaScript client to a chat application's hub (negotiate at the application, then the
// emulator), invokes its @SignalRMessage methods through the emulator's upstream and prints one line per answer:
//   CONNECTED <connectionId>
//   RESULT <target> <result as JSON>
//   ERROR <target> <error message>
//   VOID <target> <typeof result>
//   CLOSED [error]
// Usage: node invoke-upstream.js <hub URL> <user> <json|messagepack>
"use strict";

const signalR = require("@microsoft/signalr");
const { MessagePackHubProtocol } = require("@microsoft/signalr-protocol-msgpack");

const [url, user, protocol] = process.argv.slice(2);
if (!url || !user || !protocol) {
	console.error("Usage: node invoke-upstream.js <hub URL> <user> <json|messagepack>");
	process.exit(2);
}

const builder = new signalR.HubConnectionBuilder()
	.withUrl(url, { headers: { "X-Chat-User": user }, transport: signalR.HttpTransportType.WebSockets })
	.configureLogging(signalR.LogLevel.Warning);
if (protocol === "messagepack") {
	builder.withHubProtocol(new MessagePackHubProtocol());
}
const connection = builder.build();

connection.onclose((error) => {
	console.log("CLOSED" + (error ? " " + error.message : ""));
	process.exit(error ? 1 : 0);
});

// Gives up rather than hang the build if an answer never comes.
setTimeout(() => {
	console.log("TIMEOUT");
	process.exit(3);
}, 30000).unref();

async function run() {
	await connection.start();
	console.log("CONNECTED " + connection.connectionId);
	console.log("RESULT echo " + JSON.stringify(await connection.invoke("echo", "hello")));
	console.log("RESULT add " + JSON.stringify(await connection.invoke("add", 2, 3)));
	try {
		await connection.invoke("refuse", "no room");
		console.log("RESULT refuse");
	}
	catch (error) {
		console.log("ERROR refuse " + error.message);
	}
	console.log("VOID note " + typeof (await connection.invoke("note", "from " + protocol)));
	await connection.stop();
}

run().catch((error) => {
	console.log("FAILED " + error.message);
	process.exit(1);
});
