/**
 * The negotiate endpoint in a Spring MVC application: the resolver of the negotiating user's id and the customizers
 * of the client's token, which an application declares as beans.
 */
@NullMarked
package io.github.springsignalr.negotiate.servlet;

import org.jspecify.annotations.NullMarked;
