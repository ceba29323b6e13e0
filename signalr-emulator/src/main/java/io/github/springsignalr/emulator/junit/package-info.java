/**
 * A JUnit Jupiter extension that runs an emulator (and, when asked, a Key Vault emulator) on free ports for a test
 * class and hands it to the tests.
 */
package io.github.springsignalr.emulator.junit;
