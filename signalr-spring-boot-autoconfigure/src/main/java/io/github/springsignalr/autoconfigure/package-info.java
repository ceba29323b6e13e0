/**
 * Spring Boot auto-configuration of Azure SignalR Service support: properties, conditions, failure analyzers.
 */
package io.github.springsignalr.autoconfigure;
