/**
 * Messaging through the service's REST API across every online endpoint: broadcast, users, groups, connections.
 */
@NullMarked
package io.github.springsignalr.rest;

import org.jspecify.annotations.NullMarked;
