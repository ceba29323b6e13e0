/**
 * The tokens an endpoint's {@link io.github.springsignalr.endpoint.AccessKey} signs: client access tokens, REST tokens
 * and the negotiate answer.
 */
@NullMarked
package io.github.springsignalr.token;

import org.jspecify.annotations.NullMarked;
