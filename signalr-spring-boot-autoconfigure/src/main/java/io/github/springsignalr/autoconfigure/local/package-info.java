/**
 * Local mode's connection details: the endpoint of the emulator that signalr-emulator's local mode started.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.local;

import org.jspecify.annotations.NullMarked;
