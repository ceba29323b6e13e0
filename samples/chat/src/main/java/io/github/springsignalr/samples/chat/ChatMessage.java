package io.github.springsignalr.samples.chat;

import java.time.Instant;

/**
 * What the page receives as the {@code message} event.
 *
 * @param from who sent it (as the sender claims: a demo)
 * @param text the text
 * @param audience {@code everyone}, {@code user bob} or {@code room lobby}
 * @param sentAt when the server relayed it
 */
record ChatMessage(String from, String text, String audience, Instant sentAt) {

}
