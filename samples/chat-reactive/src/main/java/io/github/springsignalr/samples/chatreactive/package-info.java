/**
 * A browser chat on WebFlux: the page negotiates at the application, which relays messages with
 * {@link io.github.springsignalr.rest.ReactiveSignalRTemplate}.
 */
package io.github.springsignalr.samples.chatreactive;
