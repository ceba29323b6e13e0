/**
 * Messaging through the service's REST API across every online endpoint: broadcast, users, groups, connections.
 */
package io.github.springsignalr.rest;
