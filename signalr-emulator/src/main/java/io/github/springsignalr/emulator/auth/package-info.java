/**
 * The instance's access keys and the checks the service makes on the tokens signed with them: signature with either
 * current key, audience, lifetime.
 */
package io.github.springsignalr.emulator.auth;
