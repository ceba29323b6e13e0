/**
 * The service's data-plane REST API, in both of its path families: {@code /api/v1/hubs/{hub}/…} and
 * {@code /api/hubs/{hub}/…:send?api-version=2022-06-01}.
 */
@NullMarked
package io.github.springsignalr.emulator.rest;

import org.jspecify.annotations.NullMarked;
