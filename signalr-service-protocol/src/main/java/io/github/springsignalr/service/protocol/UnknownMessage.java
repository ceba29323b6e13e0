package io.github.springsignalr.service.protocol;

/**
 * A message of a type number this version does not know, read and skipped whole. The SDK ignores such messages
 * ("future protocol changes can add message types, old clients can ignore them"); the reader returns this marker so
 * that the caller can count or log them. It cannot be written.
 *
 * @param type the message's type number
 */
public record UnknownMessage(int type) implements ServiceMessage {

}
