/**
 * Auto-configuration of the negotiate endpoint that redirects SignalR clients to the service.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.negotiate;

import org.jspecify.annotations.NullMarked;
