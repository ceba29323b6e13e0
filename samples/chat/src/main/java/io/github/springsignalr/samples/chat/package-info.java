/**
 * A browser chat on the starter: the page negotiates at the application, which relays messages with
 * {@code SignalRTemplate}; in local mode an admin panel rotates the emulator's keys through Key Vault.
 */
package io.github.springsignalr.samples.chat;
