/**
 * Spring Boot auto-configuration of Azure SignalR Service support: properties, conditions, failure analyzers.
 */
@NullMarked
package io.github.springsignalr.autoconfigure;

import org.jspecify.annotations.NullMarked;
