// The chat page: negotiates at this application (/chat/negotiate), which redirects the official client to the
// service with a token for the user's name; messages are sent to the application, which relays them, or invoked as
// the hub method "send", which the service posts to the application's upstream URL.
'use strict';

const $ = (id) => document.getElementById(id);
let me = null;
let connection = null;
// Whether messages go as hub invocations through the service's upstream (chat.send-through-upstream).
let throughUpstream = false;

function setStatus(text) {
	$('status').textContent = text;
}

function addMessage(text, audience, cssClass) {
	const item = document.createElement('li');
	if (cssClass) {
		item.className = cssClass;
	}
	item.textContent = text;
	if (audience) {
		const note = document.createElement('span');
		note.className = 'audience';
		note.textContent = ' (to ' + audience + ')';
		item.appendChild(note);
	}
	$('messages').appendChild(item);
	item.scrollIntoView();
}

function showUsers(users) {
	const list = $('users');
	list.replaceChildren(...users.map((user) => {
		const item = document.createElement('li');
		item.textContent = user;
		return item;
	}));
}

async function post(path, body) {
	const response = await fetch(path, {
		method: 'POST',
		// The admin endpoints refuse a request without it: no other origin's page can send it.
		headers: { 'Content-Type': 'application/json', 'X-Chat-Admin': '1' },
		body: JSON.stringify(body),
	});
	if (!response.ok) {
		throw new Error(path + ' answered ' + response.status);
	}
	return response;
}

async function join(event) {
	event.preventDefault();
	me = $('name').value.trim();
	if (!me) {
		return;
	}
	setStatus('connecting…');
	connection = new signalR.HubConnectionBuilder()
		// Demo only: the name travels as a query parameter and becomes the token's user id.
		.withUrl('/chat?user=' + encodeURIComponent(me))
		.withAutomaticReconnect()
		.configureLogging(signalR.LogLevel.Warning)
		.build();
	connection.on('message', (message) => addMessage(message.from + ': ' + message.text,
			message.audience === 'everyone' ? null : message.audience));
	connection.on('joined', (user) => {
		addMessage(user + ' joined', null, 'system');
		fetch('/api/users').then((response) => response.json()).then(showUsers);
	});
	connection.onreconnecting(() => setStatus('reconnecting…'));
	connection.onreconnected(() => setStatus('connected'));
	connection.onclose(() => setStatus('disconnected'));
	try {
		await connection.start();
		const users = await (await post('/api/join', { user: me })).json();
		showUsers(users);
		$('me').textContent = 'as ' + me;
		$('join-panel').hidden = true;
		$('chat-panel').hidden = false;
		setStatus('connected');
		$('text').focus();
	}
	catch (error) {
		setStatus('failed: ' + error.message);
	}
}

async function send(event) {
	event.preventDefault();
	const text = $('text').value;
	const audience = $('audience').value;
	const target = $('target').value.trim();
	const message = { from: me, text: text };
	if (audience === 'user') {
		message.toUser = target;
	}
	else if (audience === 'room') {
		message.toRoom = target;
	}
	try {
		if (throughUpstream) {
			await connection.invoke('send', message);
		}
		else {
			await post('/api/messages', message);
		}
		$('text').value = '';
	}
	catch (error) {
		addMessage('not sent: ' + error.message, null, 'system');
	}
}

async function enterRoom(event) {
	event.preventDefault();
	const room = $('room').value.trim();
	try {
		await post('/api/rooms/' + encodeURIComponent(room) + '/members', { user: me });
		addMessage('you entered room ' + room, null, 'system');
		$('room').value = '';
	}
	catch (error) {
		addMessage('could not enter ' + room + ': ' + error.message, null, 'system');
	}
}

function showKeys(keys) {
	const endpoint = keys.endpoints[0];
	$('key-id').textContent = endpoint ? endpoint.keyId : 'none';
	$('key-since').textContent = endpoint ? 'since ' + endpoint.since
			+ (endpoint.previousKeyId !== 'null' ? ', replacing ' + endpoint.previousKeyId : '') : '';
	$('rotate').hidden = !keys.rotatable;
}

async function refreshKeys() {
	try {
		showKeys(await (await fetch('/api/admin/keys')).json());
	}
	catch (error) {
		$('key-id').textContent = 'unknown';
	}
}

async function rotate() {
	$('rotate').disabled = true;
	$('rotate-status').textContent = 'rotating: new key to Key Vault, waiting for the application…';
	try {
		showKeys(await (await post('/api/admin/rotate', {})).json());
		$('rotate-status').textContent = 'rotated; the old key was regenerated';
	}
	catch (error) {
		$('rotate-status').textContent = 'rotation failed: ' + error.message;
	}
	finally {
		$('rotate').disabled = false;
	}
}

$('join-form').addEventListener('submit', join);
$('send-form').addEventListener('submit', send);
$('room-form').addEventListener('submit', enterRoom);
$('rotate').addEventListener('click', rotate);
$('audience').addEventListener('change', () => {
	$('target').hidden = $('audience').value === 'everyone';
	$('target').value = '';
});
fetch('/api/settings').then((response) => response.json()).then((settings) => {
	throughUpstream = settings.sendThroughUpstream;
	$('mode').textContent = throughUpstream ? 'messages go through the upstream (invoke "send")'
			: 'messages go through the application (POST /api/messages)';
});
refreshKeys();
setInterval(refreshKeys, 2000);
