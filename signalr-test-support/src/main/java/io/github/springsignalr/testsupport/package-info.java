/**
 * What the build's tests share: the test layers' tags, a movable clock, the official JavaScript client's scripts run
 * in Node, and headless Chromium. Not published.
 */
package io.github.springsignalr.testsupport;
