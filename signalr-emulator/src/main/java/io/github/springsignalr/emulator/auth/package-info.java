/**
 * The instance's access keys and the checks the service makes on the tokens signed with them: signature with either
 * current key, audience, lifetime.
 */
@NullMarked
package io.github.springsignalr.emulator.auth;

import org.jspecify.annotations.NullMarked;
