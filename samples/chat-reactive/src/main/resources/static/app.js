// The reactive chat page: negotiates at the application (/chat/negotiate), connects to the service with a token for
// the user's name, and posts its messages to the application, which sends them with ReactiveSignalRTemplate.
'use strict';

const $ = (id) => document.getElementById(id);
let me = null;

function addMessage(text) {
	const item = document.createElement('li');
	item.textContent = text;
	$('messages').append(item);
}

function post(path, body) {
	return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

$('join-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	me = $('name').value.trim();
	$('status').textContent = 'connecting…';
	const connection = new signalR.HubConnectionBuilder()
		// Demo only: the name travels as a query parameter and becomes the token's user id.
		.withUrl('/chat?user=' + encodeURIComponent(me))
		.withAutomaticReconnect()
		.configureLogging(signalR.LogLevel.Warning)
		.build();
	connection.on('message', (message) => addMessage(message.from + ': ' + message.text
			+ (message.audience === 'everyone' ? '' : ' (to ' + message.audience + ')')));
	connection.on('joined', (user) => addMessage(user + ' joined'));
	connection.onclose(() => { $('status').textContent = 'disconnected'; });
	try {
		await connection.start();
		await post('/api/join', { user: me });
		$('join-form').hidden = true;
		$('send-form').hidden = false;
		$('status').textContent = 'connected';
	}
	catch (error) {
		$('status').textContent = 'failed: ' + error.message;
	}
});

$('send-form').addEventListener('submit', async (event) => {
	event.preventDefault();
	const toUser = $('to-user').value.trim();
	const response = await post('/api/messages', { from: me, text: $('text').value, toUser: toUser || null });
	if (!response.ok) {
		addMessage('not sent: ' + response.status);
	}
	$('text').value = '';
});
