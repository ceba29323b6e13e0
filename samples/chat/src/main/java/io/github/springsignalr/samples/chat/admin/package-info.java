/**
 * The admin panel's server side: the key in use, and in local mode the rotation procedure run against the embedded
 * emulators.
 */
package io.github.springsignalr.samples.chat.admin;
