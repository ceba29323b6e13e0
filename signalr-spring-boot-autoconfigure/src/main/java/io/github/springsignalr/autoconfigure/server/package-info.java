/**
 * Auto-configuration of default mode: server connections to the service when {@code azure.signalr.mode=default}.
 */
package io.github.springsignalr.autoconfigure.server;
