/**
 * Auto-configuration of default mode: server connections to the service when {@code azure.signalr.mode=default}.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.server;

import org.jspecify.annotations.NullMarked;
