/**
 * A JUnit Jupiter extension that runs an emulator (and, when asked, a Key Vault emulator) on free ports for a test
 * class and hands it to the tests.
 */
@NullMarked
package io.github.springsignalr.emulator.junit;

import org.jspecify.annotations.NullMarked;
