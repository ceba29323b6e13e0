/**
 * The Azure SignalR service protocol that server connections speak in default mode: each message is a VarInt length
 * prefix and one MessagePack array {@code [type, field…]}, as the service's .NET SDK writes it
 * ({@code Azure/azure-signalr} {@code src/Microsoft.Azure.SignalR.Protocols/ServiceProtocol.cs}). One record per
 * message type implements {@link io.github.springsignalr.service.protocol.ServiceMessage};
 * {@link io.github.springsignalr.service.protocol.ServiceMessageEncoder} writes them and
 * {@link io.github.springsignalr.service.protocol.ServiceMessageDecoder} reads them from input that may hold part of a
 * message or several.
 * <p>
 * Compatibility follows the SDK: a reader takes shorter, older layouts, ignores items and bytes it does not know after
 * the ones it reads, skips extension keys it does not know, and returns an
 * {@link io.github.springsignalr.service.protocol.UnknownMessage} for a type number it does not know. Where the SDK's
 * versions differ, the writer keeps the form of the released SDK that every service accepts (a six-item handshake
 * request, a five-item ack) and writes the newer item only when a message carries it.
 * <p>
 * Byte arrays (a connection's payload, the payloads per hub protocol) are neither copied in nor copied out: a message
 * is built from arrays its builder no longer changes, and whoever reads one must not change it. Payloads are read from
 * the socket once and written once, so a copy on each side would double the data path's allocations. Maps of payloads
 * and of headers keep their order (it is the order on the wire) and are looked up ignoring case, as the SDK's are.
 * <p>
 * Decisions where the sources leave a choice:
 * <ul>
 * <li>The handshake request is written with six items unless {@code allowStatefulReconnects} is set. The released SDK
 * sends six, so every service accepts them; newer SDKs add a seventh that would only say "no" for a server that does
 * not do stateful reconnects.</li>
 * <li>An ack is written with five items unless it has a payload; a sixth item of nil (what the newest SDK writes) is
 * read as no payload.</li>
 * <li>The value of an extension key a type does not carry is skipped. The SDK reads no value for such a key, which
 * would misread the rest of the map; skipping is the only reading under which the later keys still count.</li>
 * <li>Connection types and operations of {@link io.github.springsignalr.service.protocol.ConnectionFlowControlMessage}
 * are kept as read. Newer SDKs refuse values they do not know, which ends the connection; a server that does not use
 * flow control has no reason to end it.</li>
 * <li>The group of a leave message may be null, as the newest SDK reads it (while a join's may not). <em>Guess:</em>
 * it means every group, as the REST API's "remove a user from all groups" does.</li>
 * <li>A payload protocol that appears twice (ignoring case) is read as the SDK's lookup finds it, the first one; a
 * message built with two is refused, since that is a bug of its builder.</li>
 * </ul>
 * <p>
 * The {@code toString()} of a message never shows a secret or a client's data: access tokens and keys are left out,
 * headers and query parameters appear by name only, payloads by length only.
 */
@NullMarked
package io.github.springsignalr.service.protocol;

import org.jspecify.annotations.NullMarked;
