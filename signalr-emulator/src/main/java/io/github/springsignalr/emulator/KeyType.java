package io.github.springsignalr.emulator;

/**
 * Which of the instance's two access keys, as {@code az signalr key renew --key-type} names them.
 */
public enum KeyType {

	PRIMARY,

	SECONDARY

}
