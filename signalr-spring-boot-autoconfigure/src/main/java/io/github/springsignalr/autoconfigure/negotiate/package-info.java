/**
 * Auto-configuration of the negotiate endpoint that redirects SignalR clients to the service.
 */
package io.github.springsignalr.autoconfigure.negotiate;
